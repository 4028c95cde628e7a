// File: engine/lint/aws_regions.cc
//
// Source: the AWS SDK for JavaScript v3, npm `@aws-sdk/core` 3.981.2
// (Apache-2.0), dist-es/submodules/client/util-endpoints/lib/aws/partitions.js:
// each partition's `regions` and `regionRegex`, copied as read on 2026-12-07.
// The pseudo-Regions the SDK lists for its global endpoints (`aws-global`,
// `aws-cn-global`, ...) are kept: lint only reports codes no partition
// accepts. When AWS opens a Region in a new geography, add it here (and a
// lint case); one in a known geography passes by its shape already.

#include "lint/aws_regions.h"

#include <cctype>

namespace iameval::internal {
namespace {

struct Partition {
  std::string_view name;
  // regionRegex as `^(P1|P2|...)-\w+-\d+$`: the allowed heads, each followed
  // by `-WORD-DIGITS` (WORD letters, digits or `_`).
  std::string_view heads[9];
  std::string_view regions[40];
};

constexpr Partition kPartitions[] = {
    {"aws",
     {"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"},
     {"af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2",
      "ap-northeast-3", "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2",
      "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
      "aws-global",     "ca-central-1",   "ca-west-1",      "eu-central-1",   "eu-central-2",
      "eu-north-1",     "eu-south-1",     "eu-south-2",     "eu-west-1",      "eu-west-2",
      "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",     "me-west-1",
      "mx-central-1",   "sa-east-1",      "sa-west-1",      "us-east-1",      "us-east-2",
      "us-west-1",      "us-west-2"}},
    {"aws-cn", {"cn"}, {"aws-cn-global", "cn-north-1", "cn-northwest-1"}},
    {"aws-eusc", {"eusc-de"}, {"eusc-de-east-1"}},
    {"aws-iso", {"us-iso"}, {"aws-iso-global", "us-iso-east-1", "us-iso-west-1"}},
    {"aws-iso-b", {"us-isob"}, {"aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"}},
    {"aws-iso-e", {"eu-isoe"}, {"aws-iso-e-global", "eu-isoe-west-1"}},
    {"aws-iso-f", {"us-isof"}, {"aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"}},
    {"aws-us-gov", {"us-gov"}, {"aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"}},
};

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// `-WORD-DIGITS` and nothing more.
bool IsWordDashDigits(std::string_view rest) {
  if (rest.empty() || rest[0] != '-') return false;
  rest.remove_prefix(1);
  const size_t dash = rest.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == rest.size()) return false;
  for (size_t i = 0; i < dash; ++i) {
    if (!IsWordChar(rest[i])) return false;
  }
  for (size_t i = dash + 1; i < rest.size(); ++i) {
    if (rest[i] < '0' || rest[i] > '9') return false;
  }
  return true;
}

bool InPartition(const Partition& partition, std::string_view region) {
  for (std::string_view listed : partition.regions) {
    if (!listed.empty() && listed == region) return true;
  }
  for (std::string_view head : partition.heads) {
    if (head.empty() || region.size() <= head.size()) continue;
    if (region.compare(0, head.size(), head) == 0 && IsWordDashDigits(region.substr(head.size()))) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool IsKnownPartitionName(std::string_view partition) {
  for (const Partition& p : kPartitions) {
    if (p.name == partition) return true;
  }
  return false;
}

bool IsRegionOfPartition(std::string_view partition, std::string_view region) {
  for (const Partition& p : kPartitions) {
    if (p.name == partition) return InPartition(p, region);
  }
  return false;
}

bool IsRegionOfAnyPartition(std::string_view region) {
  for (const Partition& p : kPartitions) {
    if (InPartition(p, region)) return true;
  }
  return false;
}

}  // namespace iameval::internal
