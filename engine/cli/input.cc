// File: engine/cli/input.cc

#include "cli/input.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <system_error>

#include "base/ascii.h"
#include "base/message_text.h"
#include "json/json_tree.h"
#include "json/rapidjson_types.h"

namespace iameval::cli {
namespace {

namespace fs = std::filesystem;

// Appends at most `limit` + 1 bytes of `in` to `contents`: one byte past the
// limit tells "too large" from "exactly the limit".
ReadStatus ReadStream(std::istream& in, size_t limit, std::string* contents) {
  char buffer[1 << 16];
  while (contents->size() <= limit) {
    size_t want = std::min(sizeof buffer, limit + 1 - contents->size());
    in.read(buffer, static_cast<std::streamsize>(want));
    contents->append(buffer, static_cast<size_t>(in.gcount()));
    if (!in) break;
  }
  return contents->size() > limit ? ReadStatus::kTooLarge : ReadStatus::kOk;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         internal::EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

bool IsJsonFile(const fs::directory_entry& entry) {
  std::error_code ec;
  return entry.is_regular_file(ec) && entry.path().extension() == ".json";
}

}  // namespace

std::string JsonString(std::string_view text) {
  internal::RapidStringBuffer buffer;
  internal::RapidWriter<internal::RapidStringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

ReadStatus ReadBounded(const std::string& path, size_t limit, Io& io, std::string* contents) {
  contents->clear();
  if (path == "-") {
    if (io.stdin_taken) {
      io.err << "iameval: cannot read -: standard input was already read (give `-` once)\n";
      return ReadStatus::kFailed;
    }
    io.stdin_taken = true;
    ReadStatus status = ReadStream(io.in, limit, contents);
    if (io.in.bad()) {
      io.err << "iameval: cannot read -: standard input failed\n";
      return ReadStatus::kFailed;
    }
    return status;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    io.err << "iameval: cannot read " << path << ": it is a directory\n";
    return ReadStatus::kFailed;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    io.err << "iameval: cannot read " << path << ": " << std::strerror(errno) << "\n";
    return ReadStatus::kFailed;
  }
  ReadStatus status = ReadStream(in, limit, contents);
  if (in.bad()) {
    io.err << "iameval: cannot read " << path << ": " << std::strerror(errno) << "\n";
    return ReadStatus::kFailed;
  }
  return status;
}

bool ExpandDirectories(const std::vector<std::string>& paths, Io& io,
                       std::vector<std::string>* files) {
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) {
      files->push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (IsJsonFile(*it)) found.push_back(it->path().string());
    }
    if (ec) {
      io.err << "iameval: cannot list " << path << ": " << ec.message() << "\n";
      return false;
    }
    if (found.empty()) {
      io.err << "iameval: cannot read " << path << ": a directory with no .json file under it\n";
      return false;
    }
    std::sort(found.begin(), found.end());
    files->insert(files->end(), found.begin(), found.end());
  }
  return true;
}

bool ReadDocument(const std::string& path, Io& io, Document* document) {
  const size_t limit = Limits().max_document_bytes;
  ReadStatus status = ReadBounded(path, limit, io, &document->text);
  if (status == ReadStatus::kFailed) return false;
  if (status == ReadStatus::kTooLarge) {
    Finding finding;
    finding.code = "document-too-large";
    finding.severity = Severity::kError;
    finding.message = "the document is over the limit of " + internal::WithThousands(limit) +
                      " bytes (reading stopped there)";
    finding.line = 1;
    finding.column = 1;
    document->limit.push_back(std::move(finding));
    document->text.clear();
    return true;
  }
  // {"Policy": "..."} with nothing else: the AWS CLI's get-bucket-policy (and
  // get-queue-attributes' style) wrapper around the document's text.
  internal::JsonDocument json;
  std::vector<Finding> ignored;
  if (!internal::ParseJson(document->text, internal::JsonLimits{limit, 4}, &json, &ignored)) {
    return true;
  }
  const internal::JsonNode& root = json.node(json.root());
  if (!root.is_object() || root.child_count != 1) return true;
  uint32_t policy = json.Member(json.root(), "Policy");
  if (policy == internal::kNoNode || !json.node(policy).is_string()) return true;
  document->text = std::string(json.node(policy).text);
  document->unwrapped = true;
  return true;
}

PolicyKind InferDocumentKind(std::string_view text, std::string* reason) {
  internal::JsonDocument json;
  std::vector<Finding> ignored;
  uint32_t statements = internal::kNoNode;
  if (internal::ParseJson(text, internal::JsonLimits{Limits().max_document_bytes, 32}, &json,
                          &ignored) &&
      json.node(json.root()).is_object()) {
    statements = json.Member(json.root(), "Statement");
  }
  if (statements == internal::kNoNode) {
    *reason = "no statements to tell by";
    return PolicyKind::kIdentity;
  }
  std::vector<uint32_t> list;
  if (json.node(statements).is_array()) {
    for (uint32_t s = json.node(statements).first_child; s != internal::kNoNode;
         s = json.node(s).next_sibling) {
      list.push_back(s);
    }
  } else {
    list.push_back(statements);
  }
  bool names_principal = false, all_trust = true, any_assume = false, all_kms = true;
  for (uint32_t s : list) {
    if (!json.node(s).is_object()) continue;
    if (json.Member(s, "Principal") != internal::kNoNode ||
        json.Member(s, "NotPrincipal") != internal::kNoNode) {
      names_principal = true;
    }
    uint32_t action = json.Member(s, "Action");
    if (action == internal::kNoNode) {
      all_trust = all_kms = false;
      continue;
    }
    std::vector<std::string_view> actions;
    if (json.node(action).is_string()) actions.push_back(json.node(action).text);
    for (uint32_t a = json.node(action).first_child; a != internal::kNoNode;
         a = json.node(a).next_sibling) {
      if (json.node(a).is_string()) actions.push_back(json.node(a).text);
    }
    for (std::string_view name : actions) {
      bool assume = StartsWithIgnoreCase(name, "sts:AssumeRole");
      any_assume = any_assume || assume;
      all_trust = all_trust && (assume || internal::EqualsIgnoreCase(name, "sts:TagSession") ||
                                internal::EqualsIgnoreCase(name, "sts:SetSourceIdentity"));
      all_kms = all_kms && StartsWithIgnoreCase(name, "kms:");
    }
    if (actions.empty()) all_trust = all_kms = false;
  }
  if (!names_principal) {
    *reason = "no statement names a Principal";
    return PolicyKind::kIdentity;
  }
  if (all_trust && any_assume) {
    *reason = "its statements name a Principal and every action is sts:AssumeRole*";
    return PolicyKind::kRoleTrust;
  }
  if (all_kms) {
    *reason = "its statements name a Principal and every action is kms:*";
    return PolicyKind::kKmsKey;
  }
  *reason = "its statements name a Principal";
  return PolicyKind::kResource;
}

}  // namespace iameval::cli
