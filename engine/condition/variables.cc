// File: engine/condition/variables.cc
//
// Policy variables: parsing `${...}` once per policy value, rendering per
// decision. The grammar (decisions.md §32):
//
//   variable  = "${" ( escape | key [ ws* "," ws* "'" default "'" ] ) "}"
//   escape    = "*" | "?" | "$"
//   key       = prefix ":" name     (no whitespace, `{`, `}`, `$`, `,`, `'`)
//   default   = any text without `'`
//
// A `$` not followed by `{` is ordinary text. Substituted text, defaults
// included, is literal: in glob form its `*` and `?` become kLiteralStar /
// kLiteralQuestion so a request value can never inject a wildcard
// (decisions.md §29).

#include "condition/variables.h"

#include <algorithm>
#include <cstring>

#include "base/ascii.h"
#include "base/message_text.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Appends `text` to `out`, in glob form turning `*` and `?` into literals.
void AppendSubstituted(std::string_view text, bool for_glob, RenderBuffer* out) {
  if (!for_glob) {
    out->Append(text);
    return;
  }
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '*' && text[i] != '?') continue;
    out->Append(text.substr(start, i - start));
    out->Append(text[i] == '*' ? kLiteralStar : kLiteralQuestion);
    start = i + 1;
  }
  out->Append(text.substr(start));
}

void AppendSubstituted(std::string_view text, bool for_glob, std::string* out) {
  for (char c : text) {
    if (for_glob && c == '*') {
      out->push_back(kLiteralStar);
    } else if (for_glob && c == '?') {
      out->push_back(kLiteralQuestion);
    } else {
      out->push_back(c);
    }
  }
}

// The text from `start` through the first `}` at or after `from`, or to the end.
std::string_view UpToBrace(std::string_view text, size_t start, size_t from) {
  const size_t close = text.find('}', from);
  if (close == std::string_view::npos) return text.substr(start);
  return text.substr(start, close + 1 - start);
}

bool Fail(std::string* code, std::string* message, std::string text) {
  if (code != nullptr) *code = "invalid-variable";
  if (message != nullptr) *message = std::move(text);
  return false;
}

}  // namespace

// ---- RenderBuffer ----

void RenderBuffer::Append(std::string_view text) {
  if (!spilled_) {
    if (size_ + text.size() <= kInline) {
      if (!text.empty()) std::memcpy(inline_ + size_, text.data(), text.size());
      size_ += text.size();
      return;
    }
    // Rare: longer than any ordinary ARN or policy value. Move to the heap.
    overflow_.assign(inline_, size_);
    spilled_ = true;
  }
  overflow_.append(text);
}

void RenderBuffer::Append(char c) { Append(std::string_view(&c, 1)); }

std::string_view RenderBuffer::view() const {
  return spilled_ ? std::string_view(overflow_) : std::string_view(inline_, size_);
}

// ---- Template ----

bool Template::Parse(std::string_view text, bool variables_enabled, Template* out,
                     std::string* error_code, std::string* error_message) {
  out->pieces_.clear();
  out->has_variables_ = false;
  // Version 2008-10-17 or none: `${...}` is literal text (decisions.md §1).
  // Without `${` the text is one literal piece either way: most ARNs.
  if (!variables_enabled || text.find("${") == std::string_view::npos) {
    if (!text.empty()) {
      out->pieces_.emplace_back();
      out->pieces_.back().text.assign(text.data(), text.size());
    }
    out->FindFixedPrefix();
    return true;
  }

  std::string literal;
  auto flush_literal = [&]() {
    if (literal.empty()) return;
    out->pieces_.push_back(Piece{false, false, std::move(literal), false, {}, {}});
    literal.clear();
  };

  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (text[i] != '$' || i + 1 >= n || text[i + 1] != '{') {
      // Literal text up to the next `${`, in one piece.
      const size_t next = std::min(text.find("${", i + 1), n);
      literal.append(text.data() + i, next - i);
      i = next;
      continue;
    }
    const size_t start = i;
    size_t k = i + 2;
    // The key runs up to `}` or `,`; anything odd inside is diagnosed below.
    while (k < n && text[k] != '}' && text[k] != ',') ++k;
    if (k == n) {
      return Fail(error_code, error_message,
                  "policy variable " + Quote(text.substr(start)) + " has no closing `}`");
    }
    std::string_view name = text.substr(i + 2, k - (i + 2));
    const bool has_default = text[k] == ',';
    if (has_default) {
      while (!name.empty() && IsSpace(name.back())) name.remove_suffix(1);  // `${k , 'd'}`
    }

    // Find the end of the variable, for messages and to continue after it.
    size_t end = k;  // index of the closing `}`
    std::string_view default_value;
    if (has_default) {
      size_t d = k + 1;
      while (d < n && IsSpace(text[d])) ++d;
      if (d == n || text[d] != '\'') {
        return Fail(
            error_code, error_message,
            "the default in " + Quote(UpToBrace(text, start, k)) + " must be in single quotes");
      }
      const size_t quote_end = text.find('\'', d + 1);
      if (quote_end == std::string_view::npos) {
        return Fail(error_code, error_message,
                    "the default in " + Quote(text.substr(start)) + " has no closing `'`");
      }
      default_value = text.substr(d + 1, quote_end - d - 1);
      end = quote_end + 1;
      if (end >= n || text[end] != '}') {
        return Fail(
            error_code, error_message,
            "expected `}` after the default in " + Quote(UpToBrace(text, start, quote_end)));
      }
    }
    const std::string_view variable = text.substr(start, end + 1 - start);

    if (name.empty()) {
      return Fail(error_code, error_message, "empty policy variable " + Quote(variable));
    }
    for (char c : name) {
      if (IsSpace(c)) {
        return Fail(error_code, error_message,
                    "policy variable " + Quote(variable) + " has a space in its name");
      }
    }
    if (name == "*" || name == "?" || name == "$") {
      if (has_default) {
        return Fail(error_code, error_message,
                    "the escape `${" + std::string(name) + "}` takes no default");
      }
      flush_literal();
      out->pieces_.push_back(Piece{false, true, std::string(name), false, {}, {}});
      i = end + 1;
      continue;
    }
    for (char c : name) {
      if (c == '{' || c == '$' || c == '\'') {
        return Fail(
            error_code, error_message,
            "policy variable " + Quote(variable) + " has `" + std::string(1, c) + "` in its name");
      }
    }
    const size_t colon = name.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == name.size()) {
      return Fail(error_code, error_message,
                  "policy variable " + Quote(variable) + " must name a `prefix:name` key");
    }

    flush_literal();
    Piece piece;
    piece.is_variable = true;
    piece.text.reserve(name.size());
    for (char c : name) piece.text.push_back(LowerAscii(c));
    piece.key = ConditionKey::Make(piece.text);
    piece.has_default = has_default;
    piece.default_value = std::string(default_value);
    out->pieces_.push_back(std::move(piece));
    out->has_variables_ = true;
    i = end + 1;
  }
  flush_literal();
  out->FindFixedPrefix();
  return true;
}

void Template::FindFixedPrefix() {
  fixed_prefix_length_ = 0;
  if (pieces_.empty() || pieces_.front().is_variable || pieces_.front().is_escape) return;
  const std::string& literal = pieces_.front().text;
  size_t length = 0;
  // Up to the first byte a glob reads as anything but itself.
  auto is_plain = [](char c) {
    return c != '*' && c != '?' && c != kLiteralStar && c != kLiteralQuestion;
  };
  while (length < literal.size() && is_plain(literal[length])) ++length;
  fixed_prefix_length_ = static_cast<uint32_t>(length);
}

std::vector<std::string> Template::variable_names() const {
  std::vector<std::string> names;
  for (const Piece& piece : pieces_) {
    if (piece.is_variable) names.push_back(piece.text);
  }
  return names;
}

std::string Template::StaticText(bool for_glob) const {
  std::string text;
  for (const Piece& piece : pieces_) {
    if (piece.is_variable) {
      // Not meaningful for a template with variables; show the reference.
      text.append("${").append(piece.text).append("}");
    } else if (piece.is_escape) {
      AppendSubstituted(piece.text, for_glob, &text);
    } else {
      text.append(piece.text);
    }
  }
  return text;
}

bool Template::Render(const EvalContext& context, bool for_glob, RenderBuffer* out) const {
  out->Clear();
  for (const Piece& piece : pieces_) {
    if (!piece.is_variable) {
      if (piece.is_escape) {
        AppendSubstituted(piece.text, for_glob, out);
      } else {
        out->Append(piece.text);
      }
      continue;
    }
    const KeyValues values = context.Lookup(piece.key);
    // A key given as a list resolves to no value (decisions.md §33).
    if (values.present() && !values.is_list() && values.size() == 1) {
      AppendSubstituted(values.at(0).text, for_glob, out);
    } else if (piece.has_default) {
      AppendSubstituted(piece.default_value, for_glob, out);
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace iameval::internal
