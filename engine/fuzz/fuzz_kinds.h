// File: engine/fuzz/fuzz_kinds.h
//
// The policy kind a fuzz target reads its document as, from the low three
// bits of the input's first byte, so that libFuzzer explores every kind with
// one mutation and the seeds (make_seeds.py) choose theirs. The two VPC
// endpoint kinds are not among the eight: they would take a fourth bit,
// which policy_parse_fuzz spends on its options.
//
//   const PolicyKind kind = fuzz::KindFromByte(data[0]);

#ifndef IAMEVAL_ENGINE_FUZZ_FUZZ_KINDS_H_
#define IAMEVAL_ENGINE_FUZZ_FUZZ_KINDS_H_

#include <cstdint>

#include "iameval/policy.h"

namespace iameval::fuzz {

inline PolicyKind KindFromByte(uint8_t byte) {
  constexpr PolicyKind kKinds[8] = {
      PolicyKind::kIdentity,
      PolicyKind::kResource,
      PolicyKind::kRoleTrust,
      PolicyKind::kKmsKey,
      PolicyKind::kPermissionsBoundary,
      PolicyKind::kSession,
      PolicyKind::kServiceControl,
      PolicyKind::kResourceControl,
  };
  return kKinds[byte & 7];
}

}  // namespace iameval::fuzz

#endif  // IAMEVAL_ENGINE_FUZZ_FUZZ_KINDS_H_
