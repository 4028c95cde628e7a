// File: engine/match/arn.h
//
// Amazon Resource Names: arn:partition:service:region:account-id:resource.
// The resource part keeps any further colons and slashes.

#ifndef IAMEVAL_ENGINE_ARN_H_
#define IAMEVAL_ENGINE_ARN_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace iameval::internal {

struct ArnView {
  std::string_view partition, service, region, account, resource;
};

// Splits `text` at its first five colons. Returns false unless `text` starts
// with "arn:" and has at least six parts. Views point into `text`.
bool SplitArn(std::string_view text, ArnView* out) noexcept;

// True for a 12-digit AWS account id.
// Whether `text` is an account id: exactly twelve ASCII digits. Inline and
// word-wise: every decision checks the caller's and the resource's account.
inline bool IsAccountId(std::string_view text) noexcept {
  if (text.size() != 12) return false;
  // A byte is a digit when its high nibble is 3 and adding 6 to it does not
  // carry out of the low nibble (0x30..0x39 stay 0x3_; 0x3A..0x3F become 0x4_).
  // With every high nibble already 3, the additions cannot carry across bytes.
  auto all_digits = [](uint64_t word, uint64_t high_nibbles, uint64_t sixes) {
    return (word & high_nibbles) == (0x3030303030303030ull & high_nibbles) &&
           ((word + sixes) & high_nibbles) == (0x3030303030303030ull & high_nibbles);
  };
  uint64_t first = 0;
  uint32_t last = 0;
  std::memcpy(&first, text.data(), 8);
  std::memcpy(&last, text.data() + 8, 4);
  return all_digits(first, 0xf0f0f0f0f0f0f0f0ull, 0x0606060606060606ull) &&
         all_digits(last, 0xf0f0f0f0ull, 0x06060606ull);
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ARN_H_
