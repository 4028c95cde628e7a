// File: engine/json/json_syntax_error.cc
//
// Each RapidJSON error code says what the parser expected; the text at the
// offset says what it found. Both go into the message, so a user can fix the
// document without knowing what a parser is.

#include "json/json_syntax_error.h"

#include <algorithm>
#include <cstdio>

#include "json/json_text.h"
#include "json/utf8.h"

namespace iameval::internal {
namespace {

std::string HexByte(unsigned char b) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02x", b);
  return buffer;
}

// The run of characters that can belong to a number or a literal starting at
// `offset`, for messages about a malformed one (`tru`, `1e999`).
std::string_view WordAt(std::string_view text, size_t offset) {
  size_t end = offset;
  while (end < text.size() && end - offset < 40) {
    char c = text[end];
    bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                c == '.' || c == '-' || c == '+' || c == '_';
    if (!word) break;
    ++end;
  }
  return text.substr(offset, end - offset);
}

// What stands at `offset`, for "expected X, found Y" messages: a character in
// backticks, a control character by its code point, or the end of the text.
std::string DescribeFound(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "the end of the document";
  auto b = static_cast<unsigned char>(text[offset]);
  if (b == 0) return "a nul character (U+0000)";
  if (b < 0x20 || b == 0x7F) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "the control character U+%04X", b);
    return buffer;
  }
  bool letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  if (letter) return "`" + std::string(WordAt(text, offset)) + "`";
  size_t length = 1;
  if (b >= 0x80) {
    length = Utf8SequenceLength(reinterpret_cast<const unsigned char*>(text.data()) + offset,
                                text.size() - offset);
    if (length == 0) return "the byte " + HexByte(b);
  }
  std::string out = "`";
  out.append(text.substr(offset, length));
  out += '`';
  if (b >= 0x80) {
    // Name non-ASCII characters too: many are invisible (a byte order mark,
    // a no-break space) or look like ASCII punctuation (curly quotes).
    uint32_t cp = DecodeUtf8At(text, offset, &length);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, " (U+%04X)", cp);
    out += buffer;
  }
  return out;
}

// An escape as written, for a message: at most `count` bytes from `offset`,
// ending before the first byte that is not printable ASCII. A line break
// there made the message two lines, and a character cut in two made it
// invalid UTF-8 (found by engine/fuzz/policy_parse_fuzz.cc).
std::string_view EscapeAsWritten(std::string_view text, size_t offset, size_t count) {
  std::string_view part = text.substr(std::min(offset, text.size()), count);
  size_t end = 0;
  while (end < part.size()) {
    const auto b = static_cast<unsigned char>(part[end]);
    if (b <= 0x20 || b >= 0x7f) break;
    ++end;
  }
  return part.substr(0, end);
}

// The last byte before `offset` that is not whitespace, or '\0'.
char PreviousSignificant(std::string_view text, size_t offset) {
  while (offset > 0) {
    char c = text[--offset];
    if (!IsJsonWhitespace(c)) return c;
  }
  return '\0';
}

}  // namespace

// Turns RapidJSON's error code into a lowercase sentence saying what was
// expected and what was found, located where the parser stopped (or, for bad
// escapes, literals and numbers, where the bad token starts).
SyntaxErrorReport DescribeParseError(std::string_view text, rapidjson::ParseErrorCode code,
                                     size_t offset, size_t token_start) {
  SyntaxErrorReport report;
  report.offset = offset;
  std::string found = DescribeFound(text, offset);
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
      report.message = "the document is empty: expected a json object";
      break;
    case rapidjson::kParseErrorDocumentRootNotSingular:
      report.message = "expected the end of the document after the top-level value, found " + found;
      report.help = "a policy document is exactly one json object";
      break;
    case rapidjson::kParseErrorValueInvalid: {
      // A misspelt literal (`tru`, `True`, `nul`) fails inside the token:
      // name the whole word, at its start.
      // The stream's token start is stale when a separator came after it.
      bool inside_token =
          token_start < offset && token_start + WordAt(text, token_start).size() >= offset;
      char first = inside_token ? text[token_start] : '\0';
      if (first == 't' || first == 'f' || first == 'n') {
        const char* literal = first == 't' ? "true" : first == 'f' ? "false" : "null";
        report.offset = token_start;
        report.message = std::string("expected `") + literal + "`, found `" +
                         std::string(WordAt(text, token_start)) + "`";
      } else if (first == '-') {
        report.offset = token_start;
        report.message = "expected a digit after `-`, found " + found;
      } else {
        report.message = "expected a json value, found " + found;
        if (offset < text.size() && text[offset] == '\'') {
          report.help = "json strings are written in double quotes";
        } else if (offset < text.size() && (text[offset] == ']' || text[offset] == '}') &&
                   PreviousSignificant(text, offset) == ',') {
          report.help = "json does not allow a trailing comma";
        }
      }
      break;
    }
    case rapidjson::kParseErrorObjectMissName:
      report.message = "expected a member name in double quotes, found " + found;
      if (offset < text.size() && text[offset] == '}' && PreviousSignificant(text, offset) == ',') {
        report.help = "json does not allow a trailing comma";
      }
      break;
    case rapidjson::kParseErrorObjectMissColon:
      report.message = "expected `:` after a member name, found " + found;
      break;
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      report.message = "expected `,` or `}` after an object member, found " + found;
      if (offset < text.size() && text[offset] == '"') {
        report.help = "members are separated by `,`";
      }
      break;
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      report.message = "expected `,` or `]` after an array element, found " + found;
      if (offset < text.size() && (text[offset] == '"' || text[offset] == '{')) {
        report.help = "array elements are separated by `,`";
      }
      break;
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
      report.message = "invalid unicode escape `" + std::string(EscapeAsWritten(text, offset, 6)) +
                       "`: expected four hexadecimal digits after `\\u`";
      break;
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      report.message = "invalid unicode escape `" + std::string(EscapeAsWritten(text, offset, 12)) +
                       "`: a high surrogate must be followed by a low surrogate escape";
      break;
    case rapidjson::kParseErrorStringEscapeInvalid:
      if (offset < text.size() && text[offset] == '\\') {
        // The escaped character may be several bytes long: quote it whole so
        // the message stays valid UTF-8.
        size_t length = 1;
        if (offset + 1 < text.size() && static_cast<unsigned char>(text[offset + 1]) >= 0x80) {
          length =
              Utf8SequenceLength(reinterpret_cast<const unsigned char*>(text.data()) + offset + 1,
                                 text.size() - offset - 1);
          if (length == 0) length = 1;
        }
        // A control character after the backslash (a line break) is named,
        // not quoted: quoted, it made the message span lines.
        const unsigned char escaped =
            offset + 1 < text.size() ? static_cast<unsigned char>(text[offset + 1]) : 0;
        std::string shown = "`" + std::string(text.substr(offset, 1 + length)) + "`";
        if (offset + 1 < text.size() && (escaped < 0x20 || escaped == 0x7f)) {
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "`\\` followed by U+%04X", escaped);
          shown = buffer;
        }
        report.message = "invalid escape " + shown +
                         " in a string: expected one of `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, "
                         "`\\n`, `\\r`, `\\t`, `\\uXXXX`";
      } else {
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "unescaped control character U+%04X in a string",
                      static_cast<unsigned char>(text[offset]));
        report.message = buffer;
        report.help = "write control characters as escapes such as `\\n` or `\\u0001`";
      }
      break;
    case rapidjson::kParseErrorStringMissQuotationMark:
      report.message = "missing the closing `\"` of a string: found " + found;
      break;
    case rapidjson::kParseErrorStringInvalidEncoding:
      report.code = "invalid-utf8";
      report.message = "a string is not valid utf-8";
      break;
    case rapidjson::kParseErrorNumberTooBig:
      report.message = "number `" + std::string(WordAt(text, offset)) + "` is out of range";
      break;
    case rapidjson::kParseErrorNumberMissFraction:
      report.message = "expected a digit after the decimal point, found " + found;
      break;
    case rapidjson::kParseErrorNumberMissExponent:
      report.message = "expected a digit in the exponent, found " + found;
      break;
    default:
      report.message = "invalid json";
      break;
  }
  // A NUL byte looks like the end of the text to RapidJSON; say what it is.
  if (report.code == "invalid-json" && offset < text.size() && text[offset] == '\0') {
    report.offset = offset;
    report.message = "unexpected nul character (U+0000)";
    report.help = "write it as `\\u0000` inside a string";
  }
  return report;
}

SyntaxErrorReport DescribeInvalidUtf8(std::string_view text, size_t offset) {
  SyntaxErrorReport report;
  report.code = "invalid-utf8";
  report.message = "invalid utf-8: the byte " + HexByte(static_cast<unsigned char>(text[offset])) +
                   " does not begin a valid sequence";
  report.help = "policy documents must be encoded in utf-8";
  report.offset = offset;
  return report;
}

}  // namespace iameval::internal
