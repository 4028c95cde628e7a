// File: engine/json_text.h
//
// JSON text read byte by byte, without parsing it: where a byte stands
// (line:column, columns in Unicode code points), which bytes are whitespace
// or structure, and which stand inside strings. The position-tracking stream
// that feeds RapidJSON (json_tracking_stream.h) is made of these, and so are
// the checks that measure a policy's raw text (size_quota.h,
// iam_character_range.h), which must agree with it on every position.
//
//   Locate("{\r\n  \"a\": 1}", 5)    // line 2, column 3: LF after CR ends no line
//
//   JsonStringScanner strings;      // count the `:` that are structure
//   for (char c : text) colons += strings.Take(c) && c == ':';

#ifndef IAMEVAL_ENGINE_JSON_TEXT_H_
#define IAMEVAL_ENGINE_JSON_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace iameval::internal {

struct TextPosition {
  size_t offset = 0;
  uint32_t line = 1;
  uint32_t column = 1;
};

// Moves `pos` past byte `c`. Columns count Unicode code points, so UTF-8
// continuation bytes do not move them. LF, CR and CR LF each end a line;
// `after_cr` carries whether the previous byte was a CR.
inline void AdvancePosition(char c, bool* after_cr, TextPosition* pos) {
  ++pos->offset;
  if (c == '\n') {
    if (!*after_cr) {
      ++pos->line;
      pos->column = 1;
    }
  } else if (c == '\r') {
    ++pos->line;
    pos->column = 1;
  } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
    ++pos->column;
  }
  *after_cr = (c == '\r');
}

// The line:column of byte `offset`, counted from the start: linear in the
// offset, for the few places that need one position after the fact (where a
// syntax error starts).
TextPosition Locate(std::string_view text, size_t offset);

inline bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline bool IsJsonStructural(char c) {
  return c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}';
}

// Follows text byte by byte and tells which bytes stand inside strings,
// minding escapes, so that a `{`, `:` or space inside a string is not taken
// for structure. Reads any text, valid JSON or not.
class JsonStringScanner {
 public:
  // Moves past `c`. True when `c` stands outside strings (a string's opening
  // quote included); false for a string's contents and its closing quote.
  bool Take(char c) {
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      return false;
    }
    if (c == '"') in_string_ = true;
    return true;
  }

 private:
  bool in_string_ = false;
  bool escaped_ = false;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_TEXT_H_
