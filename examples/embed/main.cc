// File: examples/embed/main.cc
//
// The C++ example of README.md, built and run by `make test` (ctest
// `example_embed`) so that it stays right. It decides one request against one
// identity policy and prints the decision and the reason; it exits 0 when the
// request is allowed.

#include <iostream>
#include <utility>

#include "iameval/iameval.h"  // the whole public API

constexpr char kRolePolicy[] = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": ["arn:aws:s3:::example-reports", "arn:aws:s3:::example-reports/*"]
  }]
})";

int main() {
  // Parse and validate a policy document; findings say what is wrong and where.
  iameval::ParseResult parsed = iameval::Policy::Parse(kRolePolicy, iameval::PolicyKind::kIdentity);
  for (const iameval::Finding& finding : parsed.findings)
    std::cerr << iameval::FormatFinding(finding, "app-reader-policy.json") << "\n";
  if (!parsed.ok()) return 1;

  // Arrange every policy in force; compiled once, then asked from any thread.
  iameval::PolicySet::Builder builder;
  builder.AddIdentityPolicy(*parsed.policy);
  iameval::BuildResult built = std::move(builder).Build();
  if (!built.ok()) {
    std::cerr << built.error << "\n";
    return 1;
  }

  iameval::Request request;
  request.principal = "arn:aws:sts::111122223333:assumed-role/app-reader/nightly-report";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::example-reports/2024/q4-summary.csv";
  request.resource_account = "111122223333";  // S3 ARNs carry no account
  request.context.Set("aws:SecureTransport", true).Set("aws:RequestedRegion", "eu-west-1");

  iameval::Explanation why;
  iameval::Answer answer = built.set->Decide(request, &why);
  std::cout << iameval::DecisionName(answer.decision) << ": " << why.reason << "\n";
  return answer.allowed() ? 0 : 1;
}
