// File: engine/catalogue/catalogue.cc
//
// The public face of the catalogue (iameval/lint.h): loading the file,
// extending it, expanding action patterns.

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>

#include "base/ascii.h"
#include "catalogue/catalogue_data.h"
#include "iameval/lint.h"
#include "match/glob.h"

#ifndef IAMEVAL_CATALOGUE_SOURCE_PATH
#define IAMEVAL_CATALOGUE_SOURCE_PATH ""
#endif
#ifndef IAMEVAL_CATALOGUE_INSTALL_PATH
#define IAMEVAL_CATALOGUE_INSTALL_PATH ""
#endif

namespace iameval {

CatalogueLoad Catalogue::Load(std::string text) {
  CatalogueLoad load;
  try {
    auto data = std::make_shared<internal::CatalogueData>();
    if (!data->Parse(std::move(text), &load.error)) {
      load.error = "invalid catalogue: " + load.error;
      return load;
    }
    load.catalogue = Catalogue(std::move(data));
  } catch (const std::bad_alloc&) {
    load.error = "out of memory while reading the catalogue";
  } catch (...) {
    load.error = "internal error while reading the catalogue";
  }
  return load;
}

CatalogueLoad Catalogue::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    CatalogueLoad load;
    load.error = "cannot read the catalogue `" + path + "`";
    return load;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return Load(std::move(buffer).str());
}

std::string Catalogue::Extend(std::string text) {
  try {
    std::string error;
    if (!data_->Parse(std::move(text), &error)) return error;
    return std::string();
  } catch (...) {
    return "internal error while extending the catalogue";
  }
}

std::string_view Catalogue::date() const { return data_->date(); }

std::string Catalogue::source() const {
  return std::string(data_->source_package()) + " " + std::string(data_->source_version());
}

size_t Catalogue::service_count() const { return data_->services().size(); }
size_t Catalogue::action_count() const { return data_->actions().size(); }
size_t Catalogue::added_action_count() const { return data_->added_actions(); }

std::vector<std::string> Catalogue::ExpandActions(std::string_view pattern) const {
  std::vector<std::string> names;
  std::string lower = internal::LowerAscii(pattern);
  size_t colon = lower.find(':');
  std::string service_pattern = colon == std::string::npos ? lower : lower.substr(0, colon);
  std::string action_pattern = colon == std::string::npos ? "*" : lower.substr(colon + 1);
  if (lower == "*") service_pattern = action_pattern = "*";
  if (colon == std::string::npos && lower != "*") return names;
  for (const internal::ServiceInfo& service : data_->services()) {
    if (!internal::GlobMatch(service_pattern, internal::LowerAscii(service.prefix))) continue;
    for (uint32_t id : service.actions) {
      const internal::ActionInfo& action = data_->actions()[id];
      if (internal::GlobMatch(action_pattern, internal::LowerAscii(action.name))) {
        names.push_back(data_->ActionName(action));
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<Catalogue::ServiceName> Catalogue::Services() const {
  std::vector<ServiceName> names;
  names.reserve(data_->services().size());
  for (const internal::ServiceInfo& service : data_->services()) {
    names.push_back({service.prefix, service.title});
  }
  return names;
}

std::vector<Catalogue::ConditionKeyName> Catalogue::ConditionKeys() const {
  std::vector<ConditionKeyName> names;
  names.reserve(data_->keys().size());
  for (const internal::KeyInfo& key : data_->keys()) {  // one entry per name (AddKey)
    std::string type(internal::KeyTypeName(key.type));
    names.push_back({key.name, key.multivalued ? "ArrayOf" + type : type, key.global});
  }
  return names;
}

std::string DefaultCataloguePath() {
  if (const char* env = std::getenv("IAMEVAL_CATALOGUE"); env != nullptr && *env != '\0') {
    return env;
  }
  for (const char* path : {IAMEVAL_CATALOGUE_SOURCE_PATH, IAMEVAL_CATALOGUE_INSTALL_PATH}) {
    if (*path == '\0') continue;
    std::ifstream probe(path);
    if (probe) return path;
  }
  return IAMEVAL_CATALOGUE_SOURCE_PATH;
}

}  // namespace iameval
