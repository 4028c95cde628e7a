// File: engine/testing/source_files.h
//
// For tests and benchmarks: files of the source tree by their path from the
// repository's root (IAMEVAL_SOURCE_DIR, which CMake defines for
// iameval_tests and iameval_bench), and the walks over a folder of them
// (every case file of the conformance corpus). Header-only, so that bench/'s
// binary, which does not link the test helpers, can use it too.
//
//   const std::string policy =
//       iameval::testing::SourceFile("engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json");
//   for (const std::filesystem::path& file : iameval::testing::SourceFilesUnder("conformance",
//   ".json"))
//     Check(iameval::testing::ReadWholeFile(file));

#ifndef IAMEVAL_ENGINE_TESTING_SOURCE_FILES_H_
#define IAMEVAL_ENGINE_TESTING_SOURCE_FILES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace iameval::testing {

// `relative` under the repository's root.
inline std::string SourcePath(const std::string& relative) {
  return std::string(IAMEVAL_SOURCE_DIR) + "/" + relative;
}

// The whole file, or an empty string when it cannot be read (a test or a
// benchmark then fails to parse it and says so).
inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string SourceFile(const std::string& relative) {
  return ReadWholeFile(SourcePath(relative));
}

// The regular files under `folder` (from the repository's root, searched
// recursively) whose extension is `extension` (".json"), sorted, so that a
// failure names the same file on every machine. Empty when the folder is
// missing.
inline std::vector<std::filesystem::path> SourceFilesUnder(const std::string& folder,
                                                           std::string_view extension) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  const fs::path root(SourcePath(folder));
  if (!fs::is_directory(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_SOURCE_FILES_H_
