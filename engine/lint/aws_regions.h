// File: engine/lint/aws_regions.h
//
// The AWS partitions and the Region codes each holds, for lint's Region
// checks (region_checks.cc). A code is a Region of a partition when the
// partition lists it, or when it has the partition's Region shape (the AWS
// SDK's own rule, `regionRegex`): a Region launched after the table, in a
// geography the partition already has, is not taken for a typo.
//
//   IsRegionOfPartition("aws", "us-east-1")       // true
//   IsRegionOfPartition("aws", "cn-north-1")      // false: an aws-cn Region
//   IsRegionOfPartition("aws", "us-east-1a")      // false: an Availability Zone
//   IsRegionOfAnyPartition("eusc-de-east-1")      // true

#ifndef IAMEVAL_ENGINE_LINT_AWS_REGIONS_H_
#define IAMEVAL_ENGINE_LINT_AWS_REGIONS_H_

#include <string_view>

namespace iameval::internal {

// Whether `partition` is one of the table's (`aws`, `aws-cn`, `aws-us-gov`, ...).
bool IsKnownPartitionName(std::string_view partition);

// Whether `region` is a Region of `partition` (a name IsKnownPartitionName accepts).
bool IsRegionOfPartition(std::string_view partition, std::string_view region);

// Whether `region` is a Region of some partition.
bool IsRegionOfAnyPartition(std::string_view region);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_LINT_AWS_REGIONS_H_
