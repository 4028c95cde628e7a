// File: engine/fuzz/fuzz_check.h
//
// FUZZ_CHECK(condition) << "what went wrong": the fuzz targets' assertion.
// On failure it prints the message to stderr and aborts, which libFuzzer
// reports as a crash and saves the input that caused it. It stays on in
// every build (NDEBUG does not turn it off).
//
//   FUZZ_CHECK(result.ok() == !HasErrors(result.findings)) << "ok() disagrees";

#ifndef IAMEVAL_ENGINE_FUZZ_FUZZ_CHECK_H_
#define IAMEVAL_ENGINE_FUZZ_FUZZ_CHECK_H_

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace iameval::fuzz {

class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition) {
    message_ << file << ":" << line << ": check failed: " << condition << "\n";
  }
  ~CheckFailure() {
    std::cerr << message_.str() << std::endl;
    std::abort();
  }
  template <typename T>
  CheckFailure& operator<<(const T& value) {
    message_ << value;
    return *this;
  }

 private:
  std::ostringstream message_;
};

// Turns the streamed CheckFailure into void, so FUZZ_CHECK is one expression
// (glog's trick): `&` binds looser than `<<` and tighter than `?:`.
struct Voidify {
  void operator&(const CheckFailure&) {}
};

}  // namespace iameval::fuzz

#define FUZZ_CHECK(condition) \
  (condition)                 \
      ? static_cast<void>(0)  \
      : ::iameval::fuzz::Voidify() & ::iameval::fuzz::CheckFailure(__FILE__, __LINE__, #condition)

#endif  // IAMEVAL_ENGINE_FUZZ_FUZZ_CHECK_H_
