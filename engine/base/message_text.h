// File: engine/base/message_text.h
//
// The wording pieces findings share (HACKING.md, "Errors"): user input in
// backticks, made safe to print; element names in backticks; numbers with
// thousands separators. Messages from the JSON layer and from the policy
// parser must quote the same text the same way.
//
//   "duplicate member " + Quote(key)            // duplicate member `Effect`
//   "the document is " + WithThousands(n) + " bytes"   // the document is 5,242,880 bytes

#ifndef IAMEVAL_ENGINE_MESSAGE_TEXT_H_
#define IAMEVAL_ENGINE_MESSAGE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace iameval::internal {

// User text for a message: in backticks, control characters escaped as
// `\u00XX`, text past 80 code points cut off with `...`, so that a hostile
// document cannot make messages huge or multi-line.
std::string Quote(std::string_view text);

// A name the engine knows (`Action`, `NotResource`) in backticks, as is.
std::string ElementName(std::string_view name);

// 10240 as "10,240".
std::string WithThousands(size_t n);

// `file:line:column: severity: message [code]`, the one diagnostic line that
// check (iameval::FormatFinding) and lint (FormatLintFinding) print. Parts that
// are unknown are left out rather than printed as 0: no line reads
// `file: error: ...`, no file `3:7: error: ...`.
std::string FormatDiagnostic(std::string_view file, uint32_t line, uint32_t column,
                             std::string_view severity, std::string_view message,
                             std::string_view code);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_MESSAGE_TEXT_H_
