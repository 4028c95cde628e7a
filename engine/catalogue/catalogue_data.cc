// File: engine/catalogue/catalogue_data.cc
//
// Reading the catalogue text. One pass over the lines, no copies of names:
// every name is a view into the text, which the data keeps. The shipped file
// (~27,500 lines) loads in a few milliseconds (engine/lint/lint_benchmark.cc).

#include "catalogue/catalogue_data.h"

#include <algorithm>
#include <cstring>

#include "base/ascii.h"

namespace iameval::internal {
namespace {

// Splits `text` at `separator`; empty fields are kept.
std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool ParseKeyType(std::string_view text, KeyType* type, bool* multivalued) {
  *multivalued = false;
  if (text.substr(0, 7) == "ArrayOf") {
    *multivalued = true;
    text.remove_prefix(7);
  }
  static constexpr struct {
    std::string_view name;
    KeyType type;
  } kTypes[] = {{"String", KeyType::kString},
                {"ARN", KeyType::kArn},
                {"Arn", KeyType::kArn},
                {"Bool", KeyType::kBool},
                {"Boolean", KeyType::kBool},
                {"Numeric", KeyType::kNumeric},
                {"Long", KeyType::kNumeric},
                {"Date", KeyType::kDate},
                {"IPAddress", KeyType::kIpAddress},
                {"Binary", KeyType::kBinary},
                {"Date|Numeric", KeyType::kDateOrNumeric}};
  for (const auto& entry : kTypes) {
    if (text == entry.name) {
      *type = entry.type;
      return true;
    }
  }
  return false;
}

// The head of a key whose last segment is written as a literal placeholder
// for any text: `secretsmanager:ResourceTag/tag-key` and
// `ssm:resourceTag/tag-key` (as the Service Authorization Reference spells
// them), or nothing at all (`glacier:ResourceTag/`). Empty for other keys.
std::string_view LiteralPlaceholderHead(std::string_view name) {
  constexpr std::string_view kTagKey = "/tag-key";
  if (name.size() > kTagKey.size() &&
      EqualsIgnoreCase(name.substr(name.size() - kTagKey.size()), kTagKey)) {
    return name.substr(0, name.size() - kTagKey.size() + 1);
  }
  if (name.size() > 1 && name.back() == '/') return name;
  return {};
}

bool IsTemplateKey(std::string_view name) {
  return name.find("${") != std::string_view::npos || name.find('<') != std::string_view::npos ||
         !LiteralPlaceholderHead(name).empty();
}

// Matches `key` against a template key ignoring case: each `${...}` or
// `<...>` part stands for one or more characters. Iterative backtracking over
// the placeholders, like a `*` glob.
bool MatchKeyTemplate(std::string_view pattern, std::string_view key) {
  std::string_view head = LiteralPlaceholderHead(pattern);
  if (!head.empty()) {
    return key.size() > head.size() && EqualsIgnoreCase(key.substr(0, head.size()), head);
  }
  size_t p = 0, k = 0;
  size_t star_p = std::string_view::npos, star_k = 0;
  while (k < key.size()) {
    if (p < pattern.size() && (pattern.compare(p, 2, "${") == 0 || pattern[p] == '<')) {
      char close = pattern[p] == '<' ? '>' : '}';
      size_t end = pattern.find(close, p);
      if (end == std::string_view::npos) return false;
      p = end + 1;
      star_p = p;
      star_k = ++k;  // at least one character
      continue;
    }
    if (p < pattern.size() && LowerAscii(pattern[p]) == LowerAscii(key[k])) {
      ++p;
      ++k;
      continue;
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    k = ++star_k;
  }
  return p == pattern.size();
}

}  // namespace

int CompareIgnoreCase(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    char x = LowerAscii(a[i]);
    char y = LowerAscii(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kString:
      return "String";
    case KeyType::kArn:
      return "ARN";
    case KeyType::kBool:
      return "Bool";
    case KeyType::kNumeric:
      return "Numeric";
    case KeyType::kDate:
      return "Date";
    case KeyType::kIpAddress:
      return "IPAddress";
    case KeyType::kBinary:
      return "Binary";
    case KeyType::kDateOrNumeric:
      return "Date or Numeric";
    case KeyType::kUnknown:
      break;
  }
  return "unknown";
}

std::string AccessLevelText(uint8_t bits) {
  static constexpr struct {
    uint8_t bit;
    const char* name;
  } kLevels[] = {{kAccessList, "List"},
                 {kAccessRead, "Read"},
                 {kAccessWrite, "Write"},
                 {kAccessPermissions, "Permissions management"},
                 {kAccessTagging, "Tagging"}};
  std::string text;
  for (const auto& level : kLevels) {
    if ((bits & level.bit) == 0) continue;
    if (!text.empty()) text += ", ";
    text += level.name;
  }
  return text;
}

namespace {

// A hash of `text` ignoring ASCII case, started from `seed`, eight bytes at
// a time: the open addressing tables of actions and services.
inline uint64_t Mix(uint64_t hash) {
  hash ^= hash >> 32;
  hash *= 0xd6e8feb86659fd93ull;
  return hash ^ (hash >> 32);
}
inline uint64_t HashIgnoringCase(std::string_view text, uint64_t seed) {
  uint64_t hash = (seed * 0x9E3779B97F4A7C15ull) ^ text.size();
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) hash = Mix(hash ^ LowerAsciiWord(LoadWord(text.data() + i)));
  if (i < text.size()) {
    uint64_t word = 0;
    std::memcpy(&word, text.data() + i, text.size() - i);
    hash = Mix(hash ^ LowerAsciiWord(word));
  }
  return Mix(hash);
}

// The first eight bytes of `lower`, big-endian, zero-padded: these keys
// order names as their bytes do, as far as eight bytes go.
inline uint64_t HeadKey(std::string_view lower) {
  unsigned char bytes[8] = {};
  if (!lower.empty()) std::memcpy(bytes, lower.data(), std::min<size_t>(lower.size(), 8));
  uint64_t key = 0;
  for (unsigned char b : bytes) key = (key << 8) | b;
  return key;
}

// Names longer than this are in no table (and no AWS name is as long).
constexpr size_t kMaxLookup = 128;

// The smallest power of two with room for `count` entries at most 4/5 full.
inline size_t TableSize(size_t count) {
  size_t size = 16;
  while (size * 4 < count * 5) size *= 2;
  return size;
}

// <0, 0, >0 as `a` sorts before, with or after `b`, byte by byte (unsigned),
// comparing at most `limit` bytes of `a`. Inline: names differ within a few
// bytes, and a memcmp call per step costs more than the loop.
inline int CompareBytes(std::string_view a, std::string_view b,
                        size_t limit = std::string_view::npos) {
  if (a.size() > limit) a = a.substr(0, limit);
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i])
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]) ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace

const ServiceInfo* CatalogueData::FindService(std::string_view prefix) const {
  if (prefix.size() > kMaxLookup || service_table_.empty()) {
    auto found = service_index_.find(LowerAscii(prefix));
    return found == service_index_.end() ? nullptr : &services_[found->second];
  }
  const size_t mask = service_table_.size() - 1;
  for (size_t slot = HashIgnoringCase(prefix, 0) & mask;; slot = (slot + 1) & mask) {
    uint32_t id = service_table_[slot];
    if (id == UINT32_MAX) return nullptr;
    if (EqualsIgnoreCase(services_[id].prefix, prefix)) return &services_[id];
  }
}

const ActionInfo* CatalogueData::FindAction(const ServiceInfo& service,
                                            std::string_view name) const {
  // One probe of the open addressing table by (service, name ignoring case).
  if (name.size() > kMaxLookup || action_table_.empty()) return nullptr;
  const uint32_t service_id = static_cast<uint32_t>(&service - services_.data());
  const size_t mask = action_table_.size() - 1;
  for (size_t slot = HashIgnoringCase(name, service_id + 1) & mask;; slot = (slot + 1) & mask) {
    uint32_t id = action_table_[slot];
    if (id == UINT32_MAX) return nullptr;
    if (actions_[id].service == service_id && EqualsIgnoreCase(actions_[id].lower, name)) {
      return &actions_[id];
    }
  }
}

std::pair<const uint32_t*, const uint32_t*> CatalogueData::ActionsStartingWith(
    const ServiceInfo& service, std::string_view lower_head) const {
  const uint32_t* begin = service.actions.data();
  const uint32_t* end = begin + service.actions.size();
  if (lower_head.empty()) return {begin, end};
  // The names whose first eight bytes can start with the head: a range of
  // head keys, found by integer comparisons.
  const uint64_t* keys = service.action_heads.data();
  const size_t known = std::min<size_t>(lower_head.size(), 8);
  const uint64_t low = HeadKey(lower_head);
  const uint64_t high = known == 8 ? low : low | (~uint64_t{0} >> (8 * known));
  const uint64_t* key_first = std::lower_bound(keys, keys + service.actions.size(), low);
  const uint64_t* key_last = std::upper_bound(key_first, keys + service.actions.size(), high);
  const uint32_t* first = begin + (key_first - keys);
  const uint32_t* last = begin + (key_last - keys);
  if (lower_head.size() <= 8) return {first, last};
  const size_t limit = lower_head.size();
  first = std::lower_bound(first, last, lower_head, [this, limit](uint32_t id, std::string_view h) {
    return CompareBytes(actions_[id].lower, h, limit) < 0;
  });
  last = std::upper_bound(first, last, lower_head, [this, limit](std::string_view h, uint32_t id) {
    return CompareBytes(actions_[id].lower, h, limit) > 0;
  });
  return {first, last};
}

const KeyInfo* CatalogueData::FindKey(std::string_view key) const {
  std::string lower = LowerAscii(key);
  auto found = exact_keys_.find(lower);
  if (found != exact_keys_.end()) return &keys_[found->second];
  size_t colon = lower.find(':');
  if (colon == std::string::npos) return nullptr;
  std::string_view prefix = std::string_view(lower).substr(0, colon + 1);
  for (uint32_t id : template_keys_) {
    std::string_view name = keys_[id].name;
    if (name.size() <= prefix.size() || !EqualsIgnoreCase(name.substr(0, prefix.size()), prefix)) {
      continue;
    }
    if (MatchKeyTemplate(name, key)) return &keys_[id];
  }
  return nullptr;
}

bool CatalogueData::IsForeignKeyPrefix(std::string_view prefix) const {
  for (std::string_view known : foreign_prefixes_) {
    if (EqualsIgnoreCase(known, prefix)) return true;
    if (known.find("${") != std::string_view::npos && MatchKeyTemplate(known, prefix)) return true;
  }
  return false;
}

const std::vector<uint32_t>* CatalogueData::ResourceTypesOfArnService(
    std::string_view arn_service) const {
  auto found = arn_service_types_.find(LowerAscii(arn_service));
  return found == arn_service_types_.end() ? nullptr : &found->second;
}

std::string CatalogueData::ActionName(const ActionInfo& action) const {
  std::string name(services_[action.service].prefix);
  name += ':';
  name += action.name;
  return name;
}

uint32_t CatalogueData::AddKey(std::string_view name, std::string_view type, std::string* error) {
  KeyInfo key;
  key.name = name;
  if (!ParseKeyType(type, &key.type, &key.multivalued)) {
    *error = "unknown condition key type `" + std::string(type) + "`";
    return UINT32_MAX;
  }
  std::string lower = LowerAscii(name);
  auto found = exact_keys_.find(lower);
  if (found != exact_keys_.end()) return found->second;  // shared by several services
  key.is_template = IsTemplateKey(name);
  uint32_t id = static_cast<uint32_t>(keys_.size());
  keys_.push_back(key);
  exact_keys_.emplace(std::move(lower), id);
  if (key.is_template) template_keys_.push_back(id);
  return id;
}

bool CatalogueData::KeyRefs(std::string_view refs, std::vector<uint32_t>* ids, std::string* error) {
  if (refs.empty()) return true;
  const ServiceInfo& service = services_[current_service_];
  for (std::string_view ref : Split(refs, '.')) {
    if (ref.find(':') != std::string_view::npos) {  // a key by name (extensions)
      const KeyInfo* key = FindKey(ref);
      if (key == nullptr) {
        *error = "unknown condition key `" + std::string(ref) + "`";
        return false;
      }
      ids->push_back(KeyId(*key));
      continue;
    }
    uint32_t index = 0;
    for (char c : ref) {
      if (c < '0' || c > '9' || index > 1000000) {
        *error = "bad condition key reference `" + std::string(ref) + "`";
        return false;
      }
      index = index * 10 + static_cast<uint32_t>(c - '0');
    }
    if (ref.empty() || index >= service.keys.size()) {
      *error = "condition key reference `" + std::string(ref) + "` out of range";
      return false;
    }
    ids->push_back(service.keys[index]);
  }
  return true;
}

bool CatalogueData::ParseAction(const std::vector<std::string_view>& fields, std::string* error) {
  if (current_service_ == UINT32_MAX) {
    *error = "`action` before any `service`";
    return false;
  }
  if (fields.size() < 3 || fields[1].empty()) {
    *error = "`action` needs a name and an access level";
    return false;
  }
  ActionInfo action;
  action.name = fields[1];
  action.service = current_service_;
  for (char c : fields[2]) {
    switch (c) {
      case 'L':
        action.access |= kAccessList;
        break;
      case 'R':
        action.access |= kAccessRead;
        break;
      case 'W':
        action.access |= kAccessWrite;
        break;
      case 'P':
        action.access |= kAccessPermissions;
        break;
      case 'T':
        action.access |= kAccessTagging;
        break;
      default:
        *error = "unknown access level letter `" + std::string(1, c) + "`";
        return false;
    }
  }
  ServiceInfo& service = services_[current_service_];
  if (fields.size() > 3 && !fields[3].empty()) {
    for (std::string_view entry : Split(fields[3], ',')) {
      ActionResource resource;
      size_t equals = entry.find('=');
      std::string_view name = entry.substr(0, equals);
      if (equals != std::string_view::npos &&
          !KeyRefs(entry.substr(equals + 1), &resource.keys, error)) {
        return false;
      }
      if (!name.empty() && name.back() == '*') {
        resource.required = true;
        name.remove_suffix(1);
      }
      for (uint32_t id : service.resource_types) {
        if (EqualsIgnoreCase(resource_types_[id].name, name)) resource.resource_type = id;
      }
      if (resource.resource_type == UINT32_MAX) {
        *error = "unknown resource type `" + std::string(name) + "`";
        return false;
      }
      action.resources.push_back(std::move(resource));
    }
  }
  if (fields.size() > 4 && !KeyRefs(fields[4], &action.keys, error)) return false;
  if (fields.size() > 5 && !fields[5].empty()) {
    for (std::string_view dependent : Split(fields[5], ',')) action.dependents.push_back(dependent);
  }
  if (texts_.size() > 1) {  // an extension: a name given again replaces the action
    ++added_actions_;
    for (uint32_t id : service.actions) {
      if (EqualsIgnoreCase(actions_[id].name, action.name)) {
        actions_[id] = std::move(action);
        return true;
      }
    }
  }
  service.actions.push_back(static_cast<uint32_t>(actions_.size()));
  actions_.push_back(std::move(action));
  return true;
}

bool CatalogueData::ParseLine(std::string_view line, std::string* error) {
  if (line.empty() || line[0] == '#') return true;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string_view> fields = Split(line, '\t');
  std::string_view kind = fields[0];
  auto need = [&](size_t count) {
    if (fields.size() >= count) return true;
    *error = "`" + std::string(kind) + "` needs " + std::to_string(count - 1) + " fields";
    return false;
  };
  if (kind == "iameval-catalogue") {
    if (!need(2)) return false;
    if (fields[1] != "1") {
      *error =
          "catalogue format " + std::string(fields[1]) + " is not supported (this engine reads 1)";
      return false;
    }
    has_header_ = true;
    return true;
  }
  if (!has_header_) {
    *error = "not an iameval catalogue: the first line must be `iameval-catalogue\t1`";
    return false;
  }
  if (kind == "source") {
    if (!need(3)) return false;
    source_package_ = fields[1];
    source_version_ = fields[2];
  } else if (kind == "date") {
    if (!need(2)) return false;
    date_ = fields[1];
  } else if (kind == "global") {
    if (!need(6)) return false;
    uint32_t id = AddKey(fields[1], fields[2], error);
    if (id == UINT32_MAX) return false;
    KeyInfo& key = keys_[id];
    key.global = true;
    key.presence = fields[3] == "always"   ? KeyPresence::kAlways
                   : fields[3] == "signed" ? KeyPresence::kSigned
                                           : KeyPresence::kSome;
    key.callers = fields[4];
    key.note = fields[5];
  } else if (kind == "foreign-prefix") {
    if (!need(2)) return false;
    foreign_prefixes_.push_back(fields[1]);
  } else if (kind == "service") {
    if (!need(2) || fields[1].empty()) {
      if (error->empty()) *error = "`service` needs a prefix";
      return false;
    }
    std::string lower = LowerAscii(fields[1]);
    auto found = service_index_.find(lower);
    if (found != service_index_.end()) {
      current_service_ = found->second;
    } else {
      ServiceInfo service;
      service.prefix = fields[1];
      service.title = fields.size() > 2 ? fields[2] : fields[1];
      current_service_ = static_cast<uint32_t>(services_.size());
      services_.push_back(std::move(service));
      service_index_.emplace(std::move(lower), current_service_);
    }
  } else if (kind == "key") {
    if (!need(3)) return false;
    if (current_service_ == UINT32_MAX) {
      *error = "`key` before any `service`";
      return false;
    }
    uint32_t id = AddKey(fields[1], fields[2], error);
    if (id == UINT32_MAX) return false;
    services_[current_service_].keys.push_back(id);
  } else if (kind == "resource") {
    if (!need(3)) return false;
    if (current_service_ == UINT32_MAX) {
      *error = "`resource` before any `service`";
      return false;
    }
    ResourceTypeInfo resource;
    resource.name = fields[1];
    resource.arn = fields[2];
    resource.service = current_service_;
    if (fields.size() > 3 && !KeyRefs(fields[3], &resource.keys, error)) return false;
    services_[current_service_].resource_types.push_back(
        static_cast<uint32_t>(resource_types_.size()));
    resource_types_.push_back(std::move(resource));
  } else if (kind == "action") {
    return ParseAction(fields, error);
  } else {
    *error = "unknown line kind `" + std::string(kind) + "`";
    return false;
  }
  return true;
}

void CatalogueData::Finish() {
  arn_service_types_.clear();
  for (uint32_t id = 0; id < resource_types_.size(); ++id) {
    ResourceTypeInfo& type = resource_types_[id];
    type.pattern.clear();
    for (size_t i = 0; i < type.arn.size(); ++i) {
      size_t end = type.arn.compare(i, 2, "${") == 0 ? type.arn.find('}', i) : std::string::npos;
      if (end != std::string::npos) {
        type.pattern += '*';
        i = end;
      } else {
        type.pattern += type.arn[i];
      }
    }
    std::vector<std::string_view> parts = Split(resource_types_[id].arn, ':');
    if (parts.size() > 2) arn_service_types_[LowerAscii(parts[2])].push_back(id);
    // Templates hold no `:` inside their `${...}`, so the pattern has the
    // template's colons.
    size_t colon = 0;
    int colons = 0;
    for (; colons < 5; ++colons) {
      colon = type.pattern.find(':', colons == 0 ? 0 : colon + 1);
      if (colon == std::string::npos) break;
    }
    type.has_arn_fields = colons == 5 && parts.size() >= 6;
    if (type.has_arn_fields) {
      type.arn_region = parts[3];
      type.arn_account = parts[4];
      type.pattern_resource_at = static_cast<uint32_t>(colon + 1);
    }
  }
  // Lowercase names for the actions that have none yet (all of them after
  // the shipped file; those an extension added or replaced after that), in
  // one text the data keeps.
  size_t bytes = 0;
  for (const ActionInfo& action : actions_) {
    if (action.lower.size() != action.name.size()) bytes += action.name.size();
  }
  if (bytes != 0) {
    std::string& lower = lower_texts_.emplace_back(bytes, '\0');
    size_t at = 0;
    for (ActionInfo& action : actions_) {
      if (action.lower.size() == action.name.size()) continue;
      for (size_t i = 0; i < action.name.size(); ++i) lower[at + i] = LowerAscii(action.name[i]);
      action.lower = std::string_view(lower).substr(at, action.name.size());
      action.byte_set = ByteSet(action.lower);
      at += action.name.size();
    }
  }
  // The lookup tables (FindService, FindAction), built again after each text.
  service_table_.assign(TableSize(services_.size()), UINT32_MAX);
  for (uint32_t id = 0; id < services_.size(); ++id) {
    size_t slot = HashIgnoringCase(services_[id].prefix, 0) & (service_table_.size() - 1);
    while (service_table_[slot] != UINT32_MAX) slot = (slot + 1) & (service_table_.size() - 1);
    service_table_[slot] = id;
  }
  action_table_.assign(TableSize(actions_.size()), UINT32_MAX);
  for (ServiceInfo& service : services_) {
    const uint32_t service_id = static_cast<uint32_t>(&service - services_.data());
    for (uint32_t id : service.actions) {
      size_t slot =
          HashIgnoringCase(actions_[id].lower, service_id + 1) & (action_table_.size() - 1);
      while (action_table_[slot] != UINT32_MAX) slot = (slot + 1) & (action_table_.size() - 1);
      action_table_[slot] = id;
    }
  }
  for (ServiceInfo& service : services_) {
    auto less = [this](uint32_t a, uint32_t b) {
      return CompareIgnoreCase(actions_[a].name, actions_[b].name) < 0;
    };
    if (!std::is_sorted(service.actions.begin(), service.actions.end(), less)) {
      std::sort(service.actions.begin(), service.actions.end(), less);
    }
    service.action_heads.resize(service.actions.size());
    for (size_t i = 0; i < service.actions.size(); ++i) {
      service.action_heads[i] = HeadKey(actions_[service.actions[i]].lower);
    }
  }
}

bool CatalogueData::Parse(std::string text, std::string* error) {
  texts_.push_back(std::move(text));
  std::string_view rest = texts_.back();
  current_service_ = UINT32_MAX;  // each text names its services
  if (texts_.size() == 1) {
    // The shipped file: room for all of it at once.
    size_t lines = static_cast<size_t>(std::count(rest.begin(), rest.end(), '\n'));
    actions_.reserve(lines);
  }
  size_t number = 0;
  bool ok = true;
  while (!rest.empty()) {
    ++number;
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    // Extensions continue the catalogue: they need no header of their own.
    if (texts_.size() > 1 && !has_header_) has_header_ = true;
    std::string why;
    if (!ParseLine(line, &why)) {
      *error = "line " + std::to_string(number) + ": " + why;
      ok = false;
      break;
    }
  }
  if (texts_.size() == 1 && ok && (source_version_.empty() || date_.empty())) {
    *error = "the catalogue names no `source` or `date`";
    ok = false;
  }
  Finish();
  return ok;
}

}  // namespace iameval::internal
