// File: engine/decide/compiled_policy_set.cc

#include "decide/compiled_policy_set.h"

namespace iameval::internal {

void PolicyGroup::Seal() {
  std::vector<const CompiledPolicy*> compiled;
  compiled.reserve(policies.size());
  for (const Policy& policy : policies) compiled.push_back(&policy.compiled());
  index = ActionIndex();
  index.Build(compiled);
  if (!policies.empty()) kind = policies.front().kind();
}

}  // namespace iameval::internal
