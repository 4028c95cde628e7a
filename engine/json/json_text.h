// File: engine/json/json_text.h
//
// JSON text read byte by byte, without parsing it: where a byte stands
// (line:column, columns in Unicode code points), which bytes are whitespace
// or structure, and which stand inside strings. The tree builder locates
// nodes with these (json_tree_builder.h), and so do the checks that measure
// a policy's raw text (size_quota.h, iam_character_range.h), which must
// agree with it on every position.
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

// Moves `pos` forward to byte `offset` of `text` (clamped to its end), as
// AdvancePosition would byte by byte, but eight bytes at a time wherever
// they hold no line break: the tree builder locates every node this way.
void AdvancePositionTo(std::string_view text, size_t offset, bool* after_cr, TextPosition* pos);

// The line:column of byte `offset`, counted from the start: linear in the
// offset, for the few places that need one position after the fact (where a
// syntax error starts).
TextPosition Locate(std::string_view text, size_t offset);

// Where the token being read began when a reader had taken bytes [0, taken):
// the first byte outside strings after whitespace, a structural character or
// the start of the text (0 if none yet). The tree builder finds token starts
// its own way; this replays the text for the syntax errors that name a
// token, and only runs when the parse has failed.
size_t TokenStartBefore(std::string_view text, size_t taken);

// The number of values in `text`, nearly: each value but the root is the
// first child of a container or follows a `,`. Commas and brackets inside
// strings make it an overestimate, which policies rarely have. Reads any
// text without failing, so the tree builders size their node array with it
// before parsing.
size_t EstimateNodeCount(std::string_view text);

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
