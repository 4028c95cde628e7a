// File: engine/analysis/key_witnesses.cc
//
// Each family's witnesses are the points where its operators' answers can
// change, and one point inside each stretch between them: then every value
// the key could take agrees, operator by operator, with one witness.

#include "analysis/key_witnesses.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "analysis/glob_regions.h"
#include "base/message_text.h"

namespace iameval::internal {
namespace {

ContextScalar Text(std::string text) {
  ContextScalar s;
  s.type = ContextScalar::Type::kString;
  s.text = std::move(text);
  return s;
}

ContextScalar Number(double v) {
  ContextScalar s;
  s.type = ContextScalar::Type::kNumber;
  s.number = v;
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  s.text = buffer;
  return s;
}

KeyValue One(ContextScalar s) {
  KeyValue v;
  v.values.push_back(std::move(s));
  return v;
}

std::string IpText(bool v6, unsigned __int128 address) {
  char buffer[64];
  if (!v6) {
    const auto a = static_cast<uint32_t>(address);
    std::snprintf(buffer, sizeof buffer, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
                  a & 255);
    return buffer;
  }
  std::string out;
  for (int g = 7; g >= 0; --g) {
    std::snprintf(buffer, sizeof buffer, "%x",
                  static_cast<unsigned>((address >> (16 * g)) & 0xffff));
    out += buffer;
    if (g > 0) out += ':';
  }
  return out;
}

void AddTextPatterns(const ConditionEntry& entry, RegionSearch* search) {
  switch (entry.family) {
    case OperatorFamily::kString:
      for (const std::string& s : entry.strings) search->Add(ExactTokens(s));
      break;
    case OperatorFamily::kStringIgnoreCase:
      for (const std::string& s : entry.strings) search->Add(ExactTokens(s, /*ignore_case=*/true));
      break;
    case OperatorFamily::kStringLike:
      for (const Glob& g : entry.globs) search->Add(GlobToTokens(g.pattern()));
      break;
    case OperatorFamily::kBool:
      search->Add(ExactTokens("true", true));
      search->Add(ExactTokens("false", true));
      break;
    case OperatorFamily::kArn:
      for (const ArnPattern& arn : entry.arns) {
        if (arn.kind == ArnPattern::Kind::kAnything) {
          search->Add(GlobToTokens("*"));
        } else if (arn.kind == ArnPattern::Kind::kParts) {
          std::string_view parts[6] = {"arn",
                                       arn.parts[0].pattern(),
                                       arn.parts[1].pattern(),
                                       arn.parts[2].pattern(),
                                       arn.parts[3].pattern(),
                                       arn.parts[4].pattern()};
          search->Add(ArnPartTokens(parts));
        }
      }
      break;
    default:
      break;
  }
}

bool IsTextFamily(OperatorFamily f) {
  return f == OperatorFamily::kString || f == OperatorFamily::kStringIgnoreCase ||
         f == OperatorFamily::kStringLike || f == OperatorFamily::kArn ||
         f == OperatorFamily::kBool;
}

}  // namespace

std::string InstantText(int64_t seconds, int32_t nanos) {
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t year = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  if (month <= 2) ++year;
  char buffer[128];
  if (nanos == 0) {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                  static_cast<long long>(year), static_cast<long long>(month),
                  static_cast<long long>(day), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%09dZ",
                  static_cast<long long>(year), static_cast<long long>(month),
                  static_cast<long long>(day), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60),
                  static_cast<int>(nanos));
  }
  return buffer;
}

bool BuildKeyWitnesses(std::string_view key, const std::vector<const ConditionEntry*>& entries,
                       KeyWitnesses* out, std::vector<AnalysisNote>* notes) {
  out->key = std::string(key);
  out->values.clear();
  bool complete = true;
  bool text = false, numeric = false, date = false, ip = false, multivalued = false;
  for (const ConditionEntry* e : entries) {
    text = text || IsTextFamily(e->family);
    numeric = numeric || e->family == OperatorFamily::kNumeric;
    date = date || e->family == OperatorFamily::kDate;
    ip = ip || e->family == OperatorFamily::kIp;
    multivalued = multivalued || e->qualifier != SetQualifier::kNone;
    if (!e->templates.empty() || !e->arn_templates.empty()) {
      if (complete) {
        notes->push_back(
            {"policy-variable", "a condition on " + Quote(key) +
                                    " compares with a policy variable: its regions depend on the "
                                    "request, so they are not all covered"});
      }
      complete = false;
    }
    if (e->family == OperatorFamily::kBinary) {
      notes->push_back({"condition-operator",
                        "`BinaryEquals` on " + Quote(key) + " is not covered by the analysis"});
      complete = false;
    }
  }
  if (int(text) + int(numeric) + int(date) + int(ip) > 1) {
    notes->push_back(
        {"mixed-operators", "the conditions on " + Quote(key) +
                                " read it as more than one type (string, number, date, address): "
                                "the combinations of their regions are not all covered"});
    complete = false;
  }

  std::vector<ContextScalar> singles;
  if (text) {
    RegionSearch search;
    for (const ConditionEntry* e : entries) AddTextPatterns(*e, &search);
    std::vector<Region> regions;
    singles.push_back(Text(""));  // the empty value: null to set operators
    if (!search.Explore({}, 200000, &regions, /*nonempty=*/true)) {
      notes->push_back({"work-bound", "the string values compared with " + Quote(key) +
                                          " cut it into too many regions to walk"});
      complete = false;
    }
    for (Region& r : regions) singles.push_back(Text(std::move(r.witness)));
  }
  if (numeric) {
    std::set<double> points;
    for (const ConditionEntry* e : entries) {
      for (double v : e->numbers) points.insert(v);
    }
    std::vector<double> sorted(points.begin(), points.end());
    std::set<double> witnesses;
    if (sorted.empty()) witnesses.insert(0);
    for (size_t i = 0; i < sorted.size(); ++i) {
      witnesses.insert(sorted[i]);
      if (i + 1 < sorted.size()) {
        const double mid = sorted[i] + (sorted[i + 1] - sorted[i]) / 2;
        if (mid > sorted[i] && mid < sorted[i + 1]) witnesses.insert(mid);
      }
    }
    if (!sorted.empty()) {
      double below = sorted.front() - 1;
      if (!(below < sorted.front())) below = std::nextafter(sorted.front(), -HUGE_VAL);
      double above = sorted.back() + 1;
      if (!(above > sorted.back())) above = std::nextafter(sorted.back(), HUGE_VAL);
      if (std::isfinite(below)) witnesses.insert(below);
      if (std::isfinite(above)) witnesses.insert(above);
    }
    for (double v : witnesses) singles.push_back(Number(v));
    if (!text) singles.push_back(Text("not-a-number"));
  }
  if (date) {
    using Nanos = __int128;
    std::set<Nanos> points;
    for (const ConditionEntry* e : entries) {
      for (const Instant& t : e->instants) points.insert(Nanos(t.seconds) * 1000000000 + t.nanos);
    }
    std::vector<Nanos> sorted(points.begin(), points.end());
    std::set<Nanos> witnesses;
    if (sorted.empty()) witnesses.insert(Nanos(1767225600) * 1000000000);
    for (size_t i = 0; i < sorted.size(); ++i) {
      witnesses.insert(sorted[i]);
      if (i + 1 < sorted.size() && sorted[i + 1] - sorted[i] > 1) {
        witnesses.insert(sorted[i] + (sorted[i + 1] - sorted[i]) / 2);
      }
    }
    if (!sorted.empty()) {
      witnesses.insert(sorted.front() - Nanos(1000000000));
      witnesses.insert(sorted.back() + Nanos(1000000000));
    }
    for (Nanos n : witnesses) {
      Nanos s = n / 1000000000, ns = n % 1000000000;
      if (ns < 0) {
        ns += 1000000000;
        s -= 1;
      }
      if (s < -11644473600LL || s > 253402300799LL) continue;  // years 1601..9999
      singles.push_back(Text(InstantText(static_cast<int64_t>(s), static_cast<int32_t>(ns))));
    }
    if (!text) singles.push_back(Text("not-a-date"));
  }
  if (ip) {
    using U = unsigned __int128;
    std::set<std::pair<bool, U>> witnesses = {{false, 0}, {true, 0}};
    for (const ConditionEntry* e : entries) {
      for (const IpNetwork& n : e->networks) {
        const bool v6 = n.base.is_v6;
        const int bits = v6 ? 128 : 32;
        const U base = (U(n.base.high) << 64) | n.base.low;
        const int host = bits - n.prefix_length;
        const U span = host >= 128 ? ~U(0) : ((U(1) << host) - 1);
        const U family_max = v6 ? ~U(0) : U(0xffffffffu);
        const U last = base | span;
        witnesses.insert({v6, base});
        witnesses.insert({v6, last});
        if (base > 0) witnesses.insert({v6, base - 1});
        if (last < family_max) witnesses.insert({v6, last + 1});
      }
    }
    for (const auto& [v6, address] : witnesses) singles.push_back(Text(IpText(v6, address)));
    if (!text) singles.push_back(Text("not-an-address"));
  }
  if (!text && !numeric && !date && !ip) singles.push_back(Text("present"));  // Null only

  KeyValue absent;
  absent.absent = true;
  out->values.push_back(absent);
  if (!multivalued) {
    for (ContextScalar& s : singles) out->values.push_back(One(std::move(s)));
    return complete;
  }
  // Sets of regions: every subset when few enough.
  constexpr size_t kMaxSubsetRegions = 8;
  const size_t k = singles.size();
  if (k <= kMaxSubsetRegions) {
    for (uint32_t mask = 0; mask < (1u << k); ++mask) {
      KeyValue v;
      v.is_list = true;
      for (size_t i = 0; i < k; ++i) {
        if (mask & (1u << i)) v.values.push_back(singles[i]);
      }
      out->values.push_back(std::move(v));
    }
    return complete;
  }
  notes->push_back({"multivalued-key", "the multivalued key " + Quote(key) + " has " +
                                           std::to_string(k) +
                                           " value regions: not every set of them is tried"});
  KeyValue empty;
  empty.is_list = true;
  out->values.push_back(empty);
  KeyValue all = empty;
  for (size_t i = 0; i < k; ++i) {
    KeyValue one = empty;
    one.values.push_back(singles[i]);
    out->values.push_back(std::move(one));
    all.values.push_back(singles[i]);
  }
  for (size_t i = 0; i < k; ++i) {
    KeyValue but = empty;
    for (size_t j = 0; j < k; ++j) {
      if (j != i) but.values.push_back(singles[j]);
    }
    out->values.push_back(std::move(but));
  }
  out->values.push_back(std::move(all));
  return false;
}

}  // namespace iameval::internal
