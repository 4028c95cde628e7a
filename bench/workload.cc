// File: bench/workload.cc

#include "workload.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace iameval::bench {
namespace {

bool Exists(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

std::string ToJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool ParseDecision(const std::string& text, Decision* out) {
  if (text == "allowed")
    *out = Decision::kAllowed;
  else if (text == "explicitDeny")
    *out = Decision::kExplicitDeny;
  else if (text == "implicitDeny")
    *out = Decision::kImplicitDeny;
  else
    return false;
  return true;
}

Workload Load(const std::string& name) {
  Workload w;
  w.name = name;
  w.dir = WorkloadDir(name);
  std::string error;
  const std::string requests_text = ReadFile(w.dir + "/requests.json", &error);
  if (!error.empty()) {
    w.error = error;
    return w;
  }
  rapidjson::Document requests;
  requests.Parse(requests_text.c_str(), requests_text.size());
  if (requests.HasParseError() || !requests.IsArray()) {
    w.error = w.dir + "/requests.json: not a JSON array";
    return w;
  }
  // First pass: which sets are used, and the resource policy kind each is
  // read as (what DecideJson infers from a request).
  std::map<std::string, PolicyKind> kinds;
  for (const rapidjson::Value& item : requests.GetArray()) {
    if (!item.IsObject() || !item.HasMember("request") || !item.HasMember("expect")) {
      w.error = w.dir + "/requests.json: each item needs `request` and `expect`";
      return w;
    }
    std::string set_name = item.HasMember("set") ? item["set"].GetString() : "";
    if (kinds.count(set_name)) continue;
    RequestResult parsed = RequestFromJson(ToJson(item["request"]));
    if (!parsed.ok()) {
      w.error = w.dir + "/requests.json: " + parsed.error;
      return w;
    }
    PolicyKind kind = InferResourcePolicyKind(*parsed.request);
    const rapidjson::Value& request = item["request"];
    if (request.HasMember("resourcePolicyKind")) {
      ParsePolicyKindName(request["resourcePolicyKind"].GetString(), &kind);
    }
    kinds[set_name] = kind;
  }
  for (const auto& [set_name, kind] : kinds) {
    const std::string path =
        w.dir + (set_name.empty() ? "/policies.json" : "/policies." + set_name + ".json");
    std::string text = ReadFile(path, &error);
    if (!error.empty()) {
      w.error = error;
      return w;
    }
    std::unique_ptr<PolicySet> set = CompileSet(text, kind, &error);
    if (!set) {
      w.error = path + ": " + error;
      return w;
    }
    w.sets.emplace(set_name, std::move(*set));
    w.set_json.emplace(set_name, std::move(text));
  }
  // Statement and policy counts, from the documents themselves.
  for (const auto& [set_name, text] : w.set_json) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    auto count_doc = [&](const rapidjson::Value& d) {
      ++w.policies;
      if (!d.IsObject() || !d.HasMember("Statement")) return;
      const rapidjson::Value& s = d["Statement"];
      w.statements += s.IsArray() ? s.Size() : 1;
    };
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
      const rapidjson::Value& v = it->value;
      if (v.IsObject()) {
        count_doc(v);
      } else if (v.IsArray()) {
        for (const rapidjson::Value& e : v.GetArray()) {
          if (e.IsArray()) {
            for (const rapidjson::Value& d : e.GetArray()) count_doc(d);
          } else {
            count_doc(e);
          }
        }
      }
    }
  }
  // The requests, each checked against its expected decision.
  size_t index = 0;
  for (const rapidjson::Value& item : requests.GetArray()) {
    std::string set_name = item.HasMember("set") ? item["set"].GetString() : "";
    Workload::Item entry;
    entry.set = &w.sets.at(set_name);
    entry.request_json = ToJson(item["request"]);
    RequestResult parsed = RequestFromJson(entry.request_json);
    if (!parsed.ok()) {
      w.error = w.dir + "/requests.json[" + std::to_string(index) + "]: " + parsed.error;
      return w;
    }
    entry.request = std::move(*parsed.request);
    if (!ParseDecision(item["expect"].GetString(), &entry.expect)) {
      w.error = w.dir + "/requests.json[" + std::to_string(index) + "]: unknown `expect`";
      return w;
    }
    Explanation why;
    Answer answer = entry.set->Decide(entry.request, &why);
    if (answer.error != nullptr || answer.decision != entry.expect) {
      w.error = w.dir + "/requests.json[" + std::to_string(index) + "]: expected " +
                std::string(DecisionName(entry.expect)) + ", got " +
                std::string(DecisionName(answer.decision)) + " (" + why.reason + ")";
      return w;
    }
    w.items.push_back(std::move(entry));
    ++index;
  }
  if (w.items.empty()) w.error = w.dir + "/requests.json: no requests";
  return w;
}

}  // namespace

std::string WorkloadDir(const std::string& name) {
  const std::string committed = std::string(IAMEVAL_BENCH_WORKLOADS) + "/" + name;
  if (Exists(committed + "/requests.json")) return committed;
  return std::string(IAMEVAL_BENCH_GENERATED) + "/" + name;
}

std::string ReadFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::unique_ptr<PolicySet> CompileSet(const std::string& json, PolicyKind resource_kind,
                                      std::string* error) {
  PolicySetResult result = PolicySetFromJson(json, resource_kind);
  if (!result.ok()) {
    *error = result.error;
    for (const DocumentFinding& f : result.findings) {
      if (f.finding.severity != Severity::kError) continue;
      *error += (error->empty() ? "" : "; ") + f.document + ": " + f.finding.message;
      break;
    }
    return nullptr;
  }
  return std::make_unique<PolicySet>(std::move(*result.set));
}

const Workload& GetWorkload(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Workload>> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache.emplace(name, std::make_unique<Workload>(Load(name))).first;
  }
  return *it->second;
}

}  // namespace iameval::bench
