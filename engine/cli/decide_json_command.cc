// File: engine/cli/decide_json_command.cc
//
// `iameval decide-json`: the JSON API over a pipe, one object per line in and
// out. The conformance runner drives the C++ engine through it, in one
// process for the whole corpus. Each line is bounded while it is read
// (kMaxRequestBytes): a longer one stops the tool with kExitIo rather than
// growing without end.

#include <istream>
#include <new>
#include <ostream>
#include <string>

#include "base/message_text.h"
#include "cli/cli.h"
#include "iameval/json.h"

namespace iameval::cli {
namespace {

enum class LineStatus { kLine, kEnd, kTooLong };

// Reads up to the next '\n' (not kept), or to the end of the stream, holding
// at most `limit` bytes.
LineStatus ReadLine(std::istream& in, size_t limit, std::string* line) {
  line->clear();
  std::streambuf* buffer = in.rdbuf();
  bool any = false;
  for (;;) {
    int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) return any ? LineStatus::kLine : LineStatus::kEnd;
    any = true;
    if (c == '\n') return LineStatus::kLine;
    if (line->size() == limit) return LineStatus::kTooLong;
    line->push_back(static_cast<char>(c));
  }
}

}  // namespace

int RunDecideJson(const ParsedArgs& args, Io& io) {
  if (!args.flags.empty() || !args.operands.empty()) {
    io.err << "iameval decide-json: takes no arguments; reads JSON lines on stdin\n";
    return kExitUsage;
  }
  std::string line;
  for (size_t number = 1;; ++number) {
    LineStatus status = ReadLine(io.in, kMaxRequestBytes, &line);
    if (status == LineStatus::kEnd) break;
    if (status == LineStatus::kTooLong) {
      io.out.flush();
      io.err << "iameval decide-json: line " << number << " is over the limit of "
             << internal::WithThousands(kMaxRequestBytes) << " bytes; stopped reading\n";
      return kExitIo;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string answer = DecideJson(line);
    // DecideJson answers "" only when memory ran out even for its error answer.
    if (answer.empty()) throw std::bad_alloc();
    io.out << answer << "\n";
    io.out.flush();
  }
  return kExitAllowed;
}

}  // namespace iameval::cli
