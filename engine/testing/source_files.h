// File: engine/testing/source_files.h
//
// For tests and benchmarks: a file of the source tree by its path from the
// repository's root (IAMEVAL_SOURCE_DIR, which CMake defines for
// iameval_tests and iameval_bench). Header-only, so that bench/'s binary,
// which does not link the test helpers, can use it too.
//
//   const std::string policy =
//       iameval::testing::SourceFile("engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json");

#ifndef IAMEVAL_ENGINE_TESTING_SOURCE_FILES_H_
#define IAMEVAL_ENGINE_TESTING_SOURCE_FILES_H_

#include <fstream>
#include <sstream>
#include <string>

namespace iameval::testing {

// `relative` under the repository's root.
inline std::string SourcePath(const std::string& relative) {
  return std::string(IAMEVAL_SOURCE_DIR) + "/" + relative;
}

// The whole file, or an empty string when it cannot be read (a benchmark
// then fails to parse it and says so).
inline std::string SourceFile(const std::string& relative) {
  std::ifstream in(SourcePath(relative), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_SOURCE_FILES_H_
