// File: engine/base/ascii.cc

#include "base/ascii.h"

namespace iameval::internal {

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

}  // namespace iameval::internal
