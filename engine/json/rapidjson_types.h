// File: engine/json/rapidjson_types.h
//
// The RapidJSON types every reader and writer in iameval uses (the JSON
// layer, the policy parser's SAX reader, the WebAssembly bindings): RapidJSON's
// own, with an allocator that throws std::bad_alloc when memory runs out.
//
// RapidJSON's default allocator (CrtAllocator) returns whatever malloc does,
// and RapidJSON never checks: a failed malloc made it write through a null
// pointer, a SIGSEGV natively and, in WebAssembly (where address 0 is ordinary
// memory), an overwrite of the module's static data that later turned a
// deny into `allowed`. ThrowingAllocator allocates through operator new, so
// a failure is a std::bad_alloc, which every API boundary already turns into
// an internal error (fail closed), and the test binary's failure injection
// (testing/allocation_counter.h) reaches RapidJSON's allocations too.
//
//   iameval::internal::RapidDocument doc;      // not rapidjson::Document
//   doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
//   iameval::internal::RapidStringBuffer buffer;
//   iameval::internal::RapidWriter<iameval::internal::RapidStringBuffer> writer(buffer);
//
// engine/testing/rapidjson_types_test.cc checks that no source outside the
// test helpers names RapidJSON's default-allocator types.

#ifndef IAMEVAL_ENGINE_JSON_RAPIDJSON_TYPES_H_
#define IAMEVAL_ENGINE_JSON_RAPIDJSON_TYPES_H_

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <cstring>
#include <new>

namespace iameval::internal {

// RapidJSON's Allocator concept, over operator new: never returns null for a
// non-empty request; throws std::bad_alloc instead.
class ThrowingAllocator {
 public:
  static const bool kNeedFree = true;

  void* Malloc(size_t size) {
    if (size == 0) return nullptr;  // as CrtAllocator: RapidJSON expects null here
    return ::operator new(size);
  }
  // On failure throws and leaves `original` untouched (RapidJSON's stack keeps
  // using it until it is destroyed).
  void* Realloc(void* original, size_t original_size, size_t new_size) {
    if (new_size == 0) {
      Free(original);
      return nullptr;
    }
    if (original != nullptr && new_size <= original_size) return original;
    void* grown = ::operator new(new_size);
    if (original != nullptr) {
      std::memcpy(grown, original, original_size);
      Free(original);
    }
    return grown;
  }
  static void Free(void* pointer) { ::operator delete(pointer); }
};

using RapidPoolAllocator = rapidjson::MemoryPoolAllocator<ThrowingAllocator>;
using RapidDocument =
    rapidjson::GenericDocument<rapidjson::UTF8<>, RapidPoolAllocator, ThrowingAllocator>;
using RapidValue = RapidDocument::ValueType;
using RapidReader =
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator>;
using RapidStringBuffer = rapidjson::GenericStringBuffer<rapidjson::UTF8<>, ThrowingAllocator>;
template <typename Output>
using RapidWriter =
    rapidjson::Writer<Output, rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator>;
template <typename Output>
using RapidPrettyWriter =
    rapidjson::PrettyWriter<Output, rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator>;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_RAPIDJSON_TYPES_H_
