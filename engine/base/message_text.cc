// File: engine/base/message_text.cc

#include "base/message_text.h"

#include <cstdio>

namespace iameval::internal {

std::string Quote(std::string_view text) {
  constexpr size_t kMaxShown = 80;
  // The common case, short text without control characters, in one copy:
  // explanations quote a dozen names per decision.
  if (text.size() <= kMaxShown) {
    bool plain = true;
    for (char c : text) plain &= static_cast<unsigned char>(c) >= 0x20;
    if (plain) {
      std::string out(text.size() + 2, '`');
      text.copy(out.data() + 1, text.size());
      return out;
    }
  }
  std::string out = "`";
  size_t shown = 0;
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80 && shown++ == kMaxShown) {
      out += "...";
      break;
    }
    if (b < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", b);
      out += buffer;
    } else {
      out += c;
    }
  }
  out += '`';
  return out;
}

std::string ElementName(std::string_view name) { return "`" + std::string(name) + "`"; }

std::string WithThousands(size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatDiagnostic(std::string_view file, uint32_t line, uint32_t column,
                             std::string_view severity, std::string_view message,
                             std::string_view code) {
  std::string out(file);
  if (line != 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(line);
    if (column != 0) {
      out += ':';
      out += std::to_string(column);
    }
  }
  if (!out.empty()) out += ": ";
  out += severity;
  out += ": ";
  out += message;
  out += " [";
  out += code;
  out += ']';
  return out;
}

}  // namespace iameval::internal
