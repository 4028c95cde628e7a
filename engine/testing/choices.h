// File: engine/testing/choices.h
//
// The random choices tests draw from: a fixed splitmix64 sequence from a seed
// (the same on every platform and standard library, unlike std
// distributions, so a failure reproduces everywhere), or a fuzzer's bytes.
//
//   SeededChoices random(42);
//   size_t length = random.Below(40);        // [0, 40)
//   if (random.Chance(30)) ...               // 30% of the time
//   const std::string& pick = random.Pick(names);

#ifndef IAMEVAL_ENGINE_TESTING_CHOICES_H_
#define IAMEVAL_ENGINE_TESTING_CHOICES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace iameval::testing {

// Where a generator's choices come from.
class Choices {
 public:
  virtual ~Choices() = default;
  // A number in [0, n); n > 0.
  virtual size_t Below(size_t n) = 0;
  // True with probability percent / 100.
  bool Chance(unsigned percent) { return Below(100) < percent; }
  // True with probability 1 / n.
  bool OneIn(size_t n) { return Below(n) == 0; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
};

// A fixed sequence from a seed (splitmix64): reproducible everywhere.
class SeededChoices : public Choices {
 public:
  explicit SeededChoices(uint64_t seed) : state_(seed) {}
  size_t Below(size_t n) override;

 private:
  uint64_t state_;
};

// Choices read from bytes (a fuzzer's input): one byte per choice of up to
// 256 options, two for more; zeros once the bytes run out, so every input,
// however short, is a complete case.
class ByteChoices : public Choices {
 public:
  ByteChoices(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  size_t Below(size_t n) override;

 private:
  uint8_t Byte() { return offset_ < size_ ? data_[offset_++] : 0; }
  const uint8_t* data_;
  size_t size_;
  size_t offset_ = 0;
};

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_CHOICES_H_
