// File: engine/cli/input.h
//
// How the tool reads what it is given: every input bounded before it is read
// (a file, `-` for standard input, a line of decide-json), directories
// expanded into the .json files under them, and a policy document unwrapped
// from the `{"Policy": "..."}` that `aws s3api get-bucket-policy` prints.
// Nothing here reads a file or a stream to its end first: /dev/zero, a named
// pipe or a 16 GiB file costs at most the limit plus one byte.

#ifndef IAMEVAL_CLI_INPUT_H_
#define IAMEVAL_CLI_INPUT_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "iameval/context_reader.h"
#include "iameval/finding.h"
#include "iameval/policy.h"

namespace iameval::cli {

// The streams one run of the tool reads and writes (std::cin/cout/cerr for
// the program; others for the Python module and the tests).
struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool stdin_taken = false;  // `-` names standard input once per run
};

// A request (--request FILE) and one decide-json line: the JSON layer's
// InputLimits::max_input_bytes (16 MiB), the bound every binding shares.
// Policies inside a line are still held to Limits::max_document_bytes each.
inline const size_t kMaxRequestBytes = InputLimits().max_input_bytes;

enum class ReadStatus {
  kOk,
  kTooLarge,  // more than `limit` bytes: `contents` holds the first limit + 1
  kFailed,    // missing, unreadable, a directory: the reason was printed
};

// Reads `path` (`-`: io.in) up to `limit` bytes.
ReadStatus ReadBounded(const std::string& path, size_t limit, Io& io, std::string* contents);

// Replaces each directory among `paths` by the regular .json files under it,
// in name order. Prints the problem and returns false for a directory that
// holds none or cannot be listed.
bool ExpandDirectories(const std::vector<std::string>& paths, Io& io,
                       std::vector<std::string>* files);

// A policy document as the tool read it.
struct Document {
  std::string text;            // what Policy::Parse reads
  bool unwrapped = false;      // the file was {"Policy": "<this text>"}
  std::vector<Finding> limit;  // a `document-too-large` finding, when cut short
};

// Reads one policy file, bounded by Limits::max_document_bytes, and unwraps
// the AWS CLI's `{"Policy": "..."}`. False (after printing why) when the file
// cannot be read.
bool ReadDocument(const std::string& path, Io& io, Document* document);

// What kind of policy `text` looks like, for `check` without --kind:
// statements naming a Principal make a resource policy (kRoleTrust when every
// action is sts:AssumeRole*, sts:TagSession or sts:SetSourceIdentity; kKmsKey
// when every action is kms:*), anything else an identity policy. `reason`
// says why, for the note the tool prints.
PolicyKind InferDocumentKind(std::string_view text, std::string* reason);

// `text` as a JSON string literal, quotes included: for the JSON the tool
// writes itself (file names in `check --json`, `--now` handed to the reader).
std::string JsonString(std::string_view text);

}  // namespace iameval::cli

#endif  // IAMEVAL_CLI_INPUT_H_
