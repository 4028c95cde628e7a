// File: iameval/version.h
//
// The library's version, for code that must work across releases:
//
//   #if IAMEVAL_VERSION >= IAMEVAL_VERSION_NUMBER(0, 2, 0)
//     ... use something 0.2 added ...
//   #endif
//
// This header is the one place the version is written: CMakeLists.txt reads
// it (project VERSION, the CMake package's version file, iameval.pc, the
// Debian package) and `iameval --version` prints it. The API stability
// promise that goes with it is in README.md ("Versions and stability").

#ifndef IAMEVAL_VERSION_H_
#define IAMEVAL_VERSION_H_

#define IAMEVAL_VERSION_MAJOR 0
#define IAMEVAL_VERSION_MINOR 1
#define IAMEVAL_VERSION_PATCH 0
#define IAMEVAL_VERSION_STRING "0.1.0"

// One comparable number: major * 10000 + minor * 100 + patch.
#define IAMEVAL_VERSION_NUMBER(major, minor, patch) ((major)*10000 + (minor)*100 + (patch))
#define IAMEVAL_VERSION \
  IAMEVAL_VERSION_NUMBER(IAMEVAL_VERSION_MAJOR, IAMEVAL_VERSION_MINOR, IAMEVAL_VERSION_PATCH)

#endif  // IAMEVAL_VERSION_H_
