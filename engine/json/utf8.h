// File: engine/json/utf8.h
//
// UTF-8 as RFC 3629 defines it: whether bytes form well-formed sequences, and
// which code point a sequence stands for. ParseJson refuses any document that
// is not well-formed UTF-8, so code reading a parsed document may decode it
// without checking again.
//
//   FindInvalidUtf8("a\xff") == 1               // 0xff never starts a sequence
//   size_t length;
//   DecodeUtf8At("a\u20ac", 1, &length) == 0x20AC   // `€`, length == 3

#ifndef IAMEVAL_ENGINE_UTF8_H_
#define IAMEVAL_ENGINE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace iameval::internal {

// Length of the well-formed UTF-8 sequence at `p` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 if it is not one.
size_t Utf8SequenceLength(const unsigned char* p, size_t available);

// Offset of the first byte that does not start a well-formed UTF-8 sequence,
// or npos.
size_t FindInvalidUtf8(std::string_view text);

// The number of code points in well-formed UTF-8 `text`: the bytes that
// are not continuation bytes, counted eight at a time.
size_t CountCodePoints(std::string_view text);

// The code point of the sequence at text[i], and its length in bytes. The
// sequence must be well-formed (checked by FindInvalidUtf8 or
// Utf8SequenceLength): only its lead byte is looked at for its length.
uint32_t DecodeUtf8At(std::string_view text, size_t i, size_t* length);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_UTF8_H_
