// File: engine/catalogue/catalogue_data.h
//
// The IAM catalogue in memory: every service prefix, action (access level,
// resource types, condition keys, dependent actions), resource type (ARN
// template) and condition key (type) AWS publishes, plus the global `aws:`
// keys. Read from the text form scripts/catalogue/compile.py writes
// (engine/catalogue/data/catalogue.tsv; spec/lint.md "The catalogue file").
//
//   CatalogueData data;
//   std::string error;
//   if (!ParseCatalogue(text, &data, &error)) ...   // `line 7: ...`
//   const ActionInfo* get = data.FindAction("s3", "getobject");
//
// Only `iameval lint` and `iameval expand` use it: the decision procedure
// never does (the engine decides without a catalogue). Names are views into
// texts the data owns, so a CatalogueData is built once and then only read;
// reading it from many threads at once is safe.

#ifndef IAMEVAL_ENGINE_CATALOGUE_CATALOGUE_DATA_H_
#define IAMEVAL_ENGINE_CATALOGUE_CATALOGUE_DATA_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace iameval::internal {

// A condition key's data type, as the Service Authorization Reference names
// them ("ArrayOf" types are multivalued).
enum class KeyType : uint8_t {
  kString,
  kArn,
  kBool,
  kNumeric,
  kDate,
  kIpAddress,
  kBinary,
  kDateOrNumeric,  // aws:EpochTime: both families work
  kUnknown,
};

std::string_view KeyTypeName(KeyType type);

// <0, 0, >0 as `a` sorts before, with or after `b`, ignoring ASCII case: the
// order of ServiceInfo::actions.
int CompareIgnoreCase(std::string_view a, std::string_view b);

// The set of `text`'s bytes, ASCII-lowercased, as bits (byte mod 64). An
// edit takes one byte out and puts one in, so texts within two edits differ
// in at most four of these bits: a test that spares most distance
// computations of a "did you mean" search.
inline uint64_t ByteSet(std::string_view text) {
  uint64_t set = 0;
  for (char c : text) {
    const unsigned char lower = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    set |= uint64_t{1} << (lower & 63);
  }
  return set;
}

// Access levels, as bits: an action may have two ("Tagging, Write").
enum AccessLevelBits : uint8_t {
  kAccessList = 1,
  kAccessRead = 2,
  kAccessWrite = 4,
  kAccessPermissions = 8,
  kAccessTagging = 16,
};

// "List", "Read", "Write", "Permissions management", "Tagging", joined by ", ".
std::string AccessLevelText(uint8_t bits);

// Where a global key is present (global_keys.tsv's `presence`).
enum class KeyPresence : uint8_t { kService, kAlways, kSigned, kSome };

struct KeyInfo {
  std::string_view name;  // as AWS spells it, e.g. `aws:RequestTag/${TagKey}`
  KeyType type = KeyType::kUnknown;
  bool multivalued = false;  // ArrayOf...
  bool is_template = false;  // has a `${...}` or `<...>` part standing for any text
  bool global = false;       // from the global key table
  KeyPresence presence = KeyPresence::kService;
  std::string_view callers;  // global keys: who AWS sets it for
  std::string_view note;
};

struct ResourceTypeInfo {
  std::string_view name;  // e.g. `bucket`
  std::string_view arn;   // e.g. `arn:${Partition}:s3:::${BucketName}`
  std::string pattern;    // the template as a glob, each `${...}` a `*`: `arn:*:s3:::*`
  // The template's Region and account fields (views into `arn`) and where
  // the resource part starts in `pattern`, split once here rather than per
  // linted ARN; `has_arn_fields` is false for a template with fewer than
  // five `:` (then the others are empty).
  bool has_arn_fields = false;
  std::string_view arn_region, arn_account;
  uint32_t pattern_resource_at = 0;
  uint32_t service = 0;
  std::vector<uint32_t> keys;  // KeyInfo ids
};

struct ActionResource {
  uint32_t resource_type = UINT32_MAX;  // ResourceTypeInfo id; UINT32_MAX when not defined
  bool required = false;
  std::vector<uint32_t> keys;
};

struct ActionInfo {
  std::string_view name;   // e.g. `GetObject`
  std::string_view lower;  // the name in lowercase (`getobject`): lookups compare these bytes
  uint64_t byte_set = 0;   // ByteSet(lower): "did you mean" skips names far from a typo
  uint32_t service = 0;
  uint8_t access = 0;                     // AccessLevelBits
  std::vector<ActionResource> resources;  // empty: the action takes only `"Resource": "*"`
  std::vector<uint32_t> keys;             // keys not tied to one resource type
  std::vector<std::string_view> dependents;
};

struct ServiceInfo {
  std::string_view prefix;               // e.g. `s3`
  std::string_view title;                // e.g. `Amazon S3`
  std::vector<uint32_t> actions;         // ActionInfo ids, by lowercase name
  std::vector<uint64_t> action_heads;    // their lowercase names' first 8 bytes, big-endian
  std::vector<uint32_t> resource_types;  // ResourceTypeInfo ids
  std::vector<uint32_t> keys;            // KeyInfo ids, in file order (the file's key indices)
};

class CatalogueData {
 public:
  std::string_view source_package() const { return source_package_; }
  std::string_view source_version() const { return source_version_; }
  std::string_view date() const { return date_; }

  const std::vector<ServiceInfo>& services() const { return services_; }
  const std::vector<ActionInfo>& actions() const { return actions_; }
  const std::vector<ResourceTypeInfo>& resource_types() const { return resource_types_; }
  const std::vector<KeyInfo>& keys() const { return keys_; }
  size_t added_actions() const { return added_actions_; }

  // Lookups ignore ASCII case, as IAM does for service prefixes and action
  // names. nullptr when absent.
  const ServiceInfo* FindService(std::string_view prefix) const;
  const ActionInfo* FindAction(const ServiceInfo& service, std::string_view name) const;
  // The ids of `service`'s actions whose lowercase name starts with
  // `lower_head` (already lowercase), as a range of ServiceInfo::actions.
  std::pair<const uint32_t*, const uint32_t*> ActionsStartingWith(
      const ServiceInfo& service, std::string_view lower_head) const;
  // A condition key by its full name: exact keys first, then templates
  // (`aws:ResourceTag/${TagKey}` answers `aws:ResourceTag/team`). Service keys
  // of every service, then the global table.
  const KeyInfo* FindKey(std::string_view key) const;
  // Id of `key` (a KeyInfo inside keys()).
  uint32_t KeyId(const KeyInfo& key) const { return static_cast<uint32_t>(&key - keys_.data()); }
  // True when `prefix` is a known issuer of condition keys that is not a
  // service (an OIDC or SAML provider such as `accounts.google.com`).
  bool IsForeignKeyPrefix(std::string_view prefix) const;

  // Resource types whose ARN template has `arn_service` as its service
  // segment (`s3` for `arn:${Partition}:s3:::${BucketName}`); nullptr when none.
  const std::vector<uint32_t>* ResourceTypesOfArnService(std::string_view arn_service) const;

  // The full name `prefix:Name` of an action.
  std::string ActionName(const ActionInfo& action) const;

  // Reads catalogue text: first the whole shipped file, then any number of
  // extensions (the same lines without the header: `service`, `key`,
  // `resource` and `action` lines adding what AWS released after the
  // catalogue's date; an action given again replaces the shipped one).
  // Returns false with `error` = `line N: what` on malformed text; what was
  // read before the bad line stays.
  bool Parse(std::string text, std::string* error);

 private:
  bool ParseLine(std::string_view line, std::string* error);
  bool ParseAction(const std::vector<std::string_view>& fields, std::string* error);
  bool KeyRefs(std::string_view refs, std::vector<uint32_t>* ids, std::string* error);
  uint32_t AddKey(std::string_view name, std::string_view type, std::string* error);
  void Finish();

  std::deque<std::string> texts_;        // every parsed text; names are views into them
  std::deque<std::string> lower_texts_;  // ActionInfo::lower views into these
  std::string_view source_package_;
  std::string_view source_version_;
  std::string_view date_;
  std::vector<ServiceInfo> services_;                        // in file order
  std::unordered_map<std::string, uint32_t> service_index_;  // lowercase prefix -> id
  std::vector<uint32_t> service_table_;  // open addressing by lowercase prefix (FindService)
  std::vector<uint32_t> action_table_;   // by (service, lowercase name) (FindAction)
  std::vector<ActionInfo> actions_;
  std::vector<ResourceTypeInfo> resource_types_;
  std::vector<KeyInfo> keys_;
  std::unordered_map<std::string, uint32_t> exact_keys_;  // lowercase name -> id
  std::vector<uint32_t> template_keys_;
  std::vector<std::string_view> foreign_prefixes_;
  std::unordered_map<std::string, std::vector<uint32_t>> arn_service_types_;  // lowercase
  uint32_t current_service_ = UINT32_MAX;
  size_t added_actions_ = 0;
  bool has_header_ = false;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_CATALOGUE_CATALOGUE_DATA_H_
