// File: engine/json_text.cc
//
// Locate: positions counted after the fact, the same way the tracking stream
// counts them as it reads.

#include "json_text.h"

namespace iameval::internal {

TextPosition Locate(std::string_view text, size_t offset) {
  TextPosition pos;
  bool after_cr = false;
  if (offset > text.size()) offset = text.size();
  while (pos.offset < offset) AdvancePosition(text[pos.offset], &after_cr, &pos);
  return pos;
}

}  // namespace iameval::internal
