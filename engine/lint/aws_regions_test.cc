// File: engine/lint/aws_regions_test.cc
//
// The partition table: listed Regions, Regions of a known shape launched
// later, and what is no Region (Availability Zones, typos, another
// partition's Regions).

#include "lint/aws_regions.h"

#include <catch2/catch.hpp>

namespace iameval::internal {
namespace {

TEST_CASE("Regions belong to their partitions", "[lint]") {
  CHECK(IsRegionOfPartition("aws", "us-east-1"));
  CHECK(IsRegionOfPartition("aws", "mx-central-1"));
  CHECK(IsRegionOfPartition("aws-cn", "cn-north-1"));
  CHECK(IsRegionOfPartition("aws-us-gov", "us-gov-west-1"));
  CHECK(IsRegionOfPartition("aws-iso-b", "us-isob-east-1"));
  CHECK(IsRegionOfPartition("aws-eusc", "eusc-de-east-1"));
  // Another partition's Regions.
  CHECK_FALSE(IsRegionOfPartition("aws", "cn-north-1"));
  CHECK_FALSE(IsRegionOfPartition("aws", "us-gov-west-1"));
  CHECK_FALSE(IsRegionOfPartition("aws-cn", "us-east-1"));
  CHECK_FALSE(IsRegionOfPartition("nope", "us-east-1"));
}

TEST_CASE("a Region of a known shape counts before the table lists it", "[lint]") {
  CHECK(IsRegionOfAnyPartition("ap-southeast-9"));  // the SDK's regionRegex accepts it
  CHECK(IsRegionOfAnyPartition("us-isof-north-1"));
}

TEST_CASE("what is no Region", "[lint]") {
  CHECK_FALSE(IsRegionOfAnyPartition("us-east-1a"));  // an Availability Zone
  CHECK_FALSE(IsRegionOfAnyPartition("us-east"));
  CHECK_FALSE(IsRegionOfAnyPartition("useast1"));
  CHECK_FALSE(IsRegionOfAnyPartition(
      "US-EAST-1"));  // codes are lowercase, and ARNs and StringEquals compare case
  CHECK_FALSE(IsRegionOfAnyPartition("xx-east-1"));  // no partition has this geography
  CHECK_FALSE(IsRegionOfAnyPartition("us--1"));
  CHECK_FALSE(IsRegionOfAnyPartition(""));
  CHECK_FALSE(IsKnownPartitionName("aws-xyz"));
  CHECK(IsKnownPartitionName("aws-iso-f"));
}

}  // namespace
}  // namespace iameval::internal
