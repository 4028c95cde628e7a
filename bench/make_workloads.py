#!/usr/bin/env python3
"""Generates the benchmark workloads too big to commit, deterministically.

    /usr/bin/python3 bench/make_workloads.py --out DIR

writes DIR/large/ and DIR/one_service/ (policies.json, requests.json), the
same bytes on every run (a fixed seed, no clock). The CMake build of
bench/ runs it into its build tree; bench/workloads/README.md describes them.
With --compile-documents DIR it also rewrites the compile benchmark's two
documents (committed in bench/workloads/compile/; rerun only to change them).

  large        1,000 identity policies, 10 statements each (10,000), over 100
               services: exact actions, `Get*`-style wildcards, a few `svc:*`,
               a handful of NotAction and `*` statements, 20% with a
               condition; requests that match a few statements each.
  one_service  the same shape, but every statement is an `s3:` wildcard
               (`s3:Get*`, `s3:*Object`): the action index cannot prune, so
               every statement is a candidate. The worst case for the scaling
               chart.

Each request's expected decision is computed here by a deliberately simple
model of the identity-only decision (any matching Deny, else any matching
Allow, else implicit deny), independent of the engine; the benchmark binary
checks that the engine agrees before it times anything.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re

ACCOUNT = "111122223333"
PRINCIPAL = f"arn:aws:sts::{ACCOUNT}:assumed-role/platform-app/i-0123456789abcdef0"
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]

# 100 service prefixes, as AWS names them.
SERVICES = """
s3 ec2 iam sts kms lambda dynamodb sqs sns logs cloudwatch events states ecs ecr eks
elasticloadbalancing autoscaling rds redshift glue athena kinesis firehose secretsmanager
ssm cloudformation cloudfront route53 acm apigateway execute-api cognito-idp cognito-identity
elasticache es opensearch sagemaker batch codebuild codecommit codepipeline codedeploy
backup efs fsx elasticfilesystem emr datasync dms guardduty securityhub inspector2 macie2
config cloudtrail organizations account support trustedadvisor waf wafv2 shield
servicecatalog ram lakeformation quicksight appsync amplify mq kafka xray tag budgets
ce pricing health iot greengrass timestream qldb neptune-db docdb-elastic memorydb
transfer storagegateway directconnect networkmanager globalaccelerator servicequotas
application-autoscaling appconfig sso identitystore scheduler pipes bedrock textract
comprehend rekognition
""".split()
assert len(SERVICES) == 100, len(SERVICES)

VERBS = ["Get", "List", "Describe", "Put", "Create", "Delete", "Update", "Tag", "Untag",
         "Start", "Stop", "Batch"]
NOUNS = ["Resource", "Configuration", "Policy", "Item", "Job", "Snapshot", "Endpoint",
         "Attribute", "Version", "Alias", "Task", "Record"]


def actions_of(rng: random.Random, service: str) -> list[str]:
    nouns = rng.sample(NOUNS, 4)
    return [f"{service}:{verb}{noun}" for verb in VERBS for noun in nouns]


def glob_to_regex(pattern: str) -> re.Pattern:
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                              for c in pattern) + r"\Z", re.S)


class Model:
    """The identity-only decision, for simple statements (no variables)."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, list, bool, list, dict]] = []

    def add(self, st: dict) -> None:
        acts = st.get("Action", st.get("NotAction"))
        acts = [acts] if isinstance(acts, str) else acts
        res = st["Resource"]
        res = [res] if isinstance(res, str) else res
        cond = {}
        for op, keys in st.get("Condition", {}).items():
            assert op == "StringEquals", op
            for key, values in keys.items():
                cond[key.lower()] = [values] if isinstance(values, str) else values
        self.statements.append((st["Effect"],
                                [glob_to_regex(a.lower()) for a in acts],
                                "NotAction" in st,
                                [glob_to_regex(r) for r in res], cond))

    def decide(self, action: str, resource: str, context: dict) -> str:
        ctx = {k.lower(): v for k, v in context.items()}
        allowed = False
        for effect, acts, not_action, res, cond in self.statements:
            listed = any(a.match(action.lower()) for a in acts)
            if listed == not_action:
                continue
            if not any(r.match(resource) for r in res):
                continue
            if any(ctx.get(k) not in vs for k, vs in cond.items()):
                continue
            if effect == "Deny":
                return "explicitDeny"
            allowed = True
        return "allowed" if allowed else "implicitDeny"


def resource_pattern(rng: random.Random, service: str, app: int) -> tuple[str, str]:
    """A Resource pattern and a concrete ARN it matches."""
    region = rng.choice(REGIONS)
    kind = rng.choice(["table", "function", "stream", "bucket", "certificate", "cluster", "queue"])
    if service == "s3":
        return (f"arn:aws:s3:::app-{app}-data/*", f"arn:aws:s3:::app-{app}-data/reports/2024/11/q{app % 4}.csv")
    if rng.random() < 0.5:
        return (f"arn:aws:{service}:{region}:{ACCOUNT}:{kind}/app-{app}-*",
                f"arn:aws:{service}:{region}:{ACCOUNT}:{kind}/app-{app}-prod")
    return (f"arn:aws:{service}:*:{ACCOUNT}:{kind}/app-{app}",
            f"arn:aws:{service}:{region}:{ACCOUNT}:{kind}/app-{app}")


def generate_large(rng: random.Random) -> tuple[dict, list]:
    service_actions = {s: actions_of(rng, s) for s in SERVICES}
    model = Model()
    policies = []
    hits = []  # (action, resource, context) that some statement matches
    for p in range(1000):
        statements = []
        for s in range(10):
            n = p * 10 + s
            service = SERVICES[(p * 7 + s * 13 + rng.randrange(3)) % len(SERVICES)]
            acts = service_actions[service]
            st: dict = {"Sid": f"P{p}S{s}", "Effect": "Deny" if rng.random() < 0.1 else "Allow"}
            roll = rng.random()
            if n in (4321, 8765):  # two statements for every action
                st["Action"] = "*"
            elif n % 1000 == 999:  # ten NotAction guardrails
                st["Effect"] = "Deny"
                st["NotAction"] = [f"{service}:*", "iam:*", "sts:*"]
            elif roll < 0.70:
                st["Action"] = rng.sample(acts, rng.randint(1, 4))
            elif roll < 0.95:
                st["Action"] = [f"{service}:{rng.choice(VERBS)}*"]
            else:
                st["Action"] = f"{service}:*"
            pattern, concrete = resource_pattern(rng, service, rng.randrange(500))
            st["Resource"] = [pattern] if "NotAction" not in st else [f"arn:aws:{service}:*:*:*"]
            context = {"aws:RequestedRegion": "eu-west-1", "aws:ResourceTag/env": "prod"}
            if rng.random() < 0.2 and "NotAction" not in st and st.get("Action") != "*":
                key = rng.choice(["aws:RequestedRegion", "aws:ResourceTag/env"])
                value = rng.choice([["eu-west-1", "eu-central-1"], ["prod"], ["staging"]])
                st["Condition"] = {"StringEquals": {key: value}}
            if st.get("Action") not in (None, "*"):
                a = st["Action"]
                a = [a] if isinstance(a, str) else a
                concrete_action = a[0] if "*" not in a[0] else a[0].replace("*", "Resource")
                hits.append((concrete_action, concrete, context))
            model.add(st)
            statements.append(st)
        policies.append({"Version": "2012-10-17", "Id": f"managed-policy-{p:04d}",
                         "Statement": statements})
    # Requests: 24 that hit a statement (and whatever else matches), 8 that
    # name actions and resources no statement mentions.
    requests = []
    for action, resource, context in rng.sample(hits, 24):
        requests.append((action, resource, context))
    for i in range(8):
        service = rng.choice(SERVICES)
        requests.append((f"{service}:{rng.choice(VERBS)}Widget",
                         f"arn:aws:{service}:eu-west-1:{ACCOUNT}:widget/unused-{i}",
                         {"aws:RequestedRegion": "eu-west-1"}))
    rng.shuffle(requests)
    out = []
    for action, resource, context in requests:
        out.append({"request": {"principal": PRINCIPAL, "action": action, "resource": resource,
                                "resourceAccount": ACCOUNT, "context": context},
                    "expect": model.decide(action, resource, context)})
    return {"identity": policies}, out


def generate_one_service(rng: random.Random) -> tuple[dict, list]:
    model = Model()
    policies = []
    patterns = ["s3:Get*", "s3:*Object", "s3:List*", "s3:Put*", "s3:*"]
    for p in range(1000):
        statements = []
        for s in range(10):
            n = p * 10 + s
            st = {"Sid": f"P{p}S{s}", "Effect": "Deny" if n % 97 == 0 else "Allow",
                  "Action": [patterns[n % len(patterns)]],
                  "Resource": [f"arn:aws:s3:::bucket-{n}/*"]}
            model.add(st)
            statements.append(st)
        policies.append({"Version": "2012-10-17", "Id": f"s3-policy-{p:04d}",
                         "Statement": statements})
    out = []
    for i in range(16):
        n = rng.randrange(10) if i % 2 == 0 else rng.randrange(10000)
        action = rng.choice(["s3:GetObject", "s3:PutObject", "s3:ListBucket"])
        resource = f"arn:aws:s3:::bucket-{n}/data/{i}.parquet"
        out.append({"request": {"principal": PRINCIPAL, "action": action, "resource": resource,
                                "resourceAccount": ACCOUNT},
                    "expect": model.decide(action, resource, {})})
    return {"identity": policies}, out


def managed_policy(target: int) -> str:
    """An identity policy as AWS managed policies look, just under `target`
    characters without whitespace (the 6,144 quota counts it so)."""
    rng = random.Random(7)
    statements = []
    services = ["ecs", "ec2", "elasticloadbalancing", "logs", "cloudwatch", "iam", "ssm",
                "secretsmanager", "application-autoscaling", "servicediscovery", "route53",
                "sns", "events", "codedeploy", "lambda", "kms", "s3", "dynamodb", "sqs"]

    def size(st):
        return len(json.dumps({"Version": "2012-10-17", "Statement": st}, separators=(",", ":")))
    i = 0
    while True:
        service = services[i % len(services)]
        verbs = rng.sample(VERBS, 5)
        st = {"Sid": f"{service.title().replace('-', '')}Access{i}", "Effect": "Allow",
              "Action": [f"{service}:{v}{rng.choice(NOUNS)}" for v in verbs] + [f"{service}:Describe*"],
              "Resource": [f"arn:aws:{service}:*:*:{rng.choice(['cluster', 'service', 'task', 'rule'])}/*"]}
        if i % 3 == 0:
            st["Condition"] = {"StringEquals": {"aws:ResourceTag/managed-by": "ecs"},
                               "StringLike": {"aws:RequestedRegion": ["eu-*", "us-*"]}}
        if i % 5 == 4:
            st["Condition"] = {"ArnLike": {"aws:SourceArn": f"arn:aws:{service}:*:${{aws:PrincipalAccount}}:*"},
                               "Bool": {"aws:SecureTransport": "true"}}
        if size(statements + [st]) > target:
            break
        statements.append(st)
        i += 1
    body = ",\n    ".join(json.dumps(st, separators=(",", ":")) for st in statements)
    return '{\n  "Version": "2012-10-17",\n  "Statement": [\n    ' + body + "\n  ]\n}\n"


def bucket_policy(target: int) -> str:
    """An S3 bucket policy just under `target` bytes, whitespace included."""
    rng = random.Random(11)
    statements = []
    i = 0
    while True:
        account = f"{rng.randrange(10**11, 10**12):012d}"
        kind = i % 4
        if kind == 0:
            st = {"Sid": f"PartnerRead{i}", "Effect": "Allow",
                  "Principal": {"AWS": [f"arn:aws:iam::{account}:role/reader-{i}", f"arn:aws:iam::{account}:root"]},
                  "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
                  "Resource": ["arn:aws:s3:::shared-datasets", f"arn:aws:s3:::shared-datasets/partner-{i}/*"]}
        elif kind == 1:
            st = {"Sid": f"PartnerWrite{i}", "Effect": "Allow",
                  "Principal": {"AWS": f"arn:aws:iam::{account}:role/writer-{i}"},
                  "Action": ["s3:PutObject", "s3:PutObjectTagging"],
                  "Resource": f"arn:aws:s3:::shared-datasets/partner-{i}/incoming/*",
                  "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                                 "aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
        elif kind == 2:
            st = {"Sid": f"DenyOutsideNetworks{i}", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                  "Resource": [f"arn:aws:s3:::shared-datasets/restricted-{i}/*"],
                  "Condition": {"NotIpAddress": {"aws:SourceIp": [f"203.0.{i % 250}.0/24", "198.51.100.0/22"]},
                                "StringNotEqualsIfExists": {"aws:SourceVpce": f"vpce-{rng.randrange(16**12):012x}"}}}
        else:
            st = {"Sid": f"ServiceDelivery{i}", "Effect": "Allow",
                  "Principal": {"Service": ["logging.s3.amazonaws.com", "delivery.logs.amazonaws.com"]},
                  "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::shared-datasets/logs/{account}/*",
                  "Condition": {"StringEquals": {"aws:SourceAccount": account},
                                "ArnLike": {"aws:SourceArn": f"arn:aws:logs:*:{account}:*"}}}
        trial = statements + [st]
        text = json.dumps({"Version": "2012-10-17", "Id": "shared-datasets-policy", "Statement": trial}, indent=2)
        if len(text) + 1 > target:
            break
        statements = trial
        i += 1
    return json.dumps({"Version": "2012-10-17", "Id": "shared-datasets-policy", "Statement": statements},
                      indent=2) + "\n"


def write(out_dir: str, name: str, policies: dict, requests: list) -> None:
    folder = os.path.join(out_dir, name)
    os.makedirs(folder, exist_ok=True)
    for file, data in (("policies.json", policies), ("requests.json", requests)):
        path = os.path.join(folder, file)
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(data, f, indent=None, separators=(",", ":"), sort_keys=False)
            f.write("\n")
        os.replace(tmp, path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder to write <workload>/ into")
    ap.add_argument("--compile-documents", metavar="DIR",
                    help="also (re)write the compile benchmark's two documents into DIR "
                         "(committed as bench/workloads/compile/)")
    args = ap.parse_args()
    if args.compile_documents:
        os.makedirs(args.compile_documents, exist_ok=True)
        for file, text in (("managed_policy_6kb.json", managed_policy(6144)),
                           ("bucket_policy_20kb.json", bucket_policy(20480))):
            with open(os.path.join(args.compile_documents, file), "w") as f:
                f.write(text)
    write(args.out, "large", *generate_large(random.Random(20240601)))
    write(args.out, "one_service", *generate_one_service(random.Random(20240602)))


if __name__ == "__main__":
    main()
