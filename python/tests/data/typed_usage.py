"""Type-checked by test_typing.py (mypy --strict): how a user program reads with the stubs.

Never run; the names it uses need not exist."""

import datetime
import ipaddress

import iameval

policy = iameval.Policy({"Version": "2012-10-17", "Statement": []}, "identity")
kind: str = policy.kind
findings: list[iameval.Finding] = iameval.check("{}", "scp")
ps = iameval.PolicySet(identity=[policy], scps=[[{"Version": "2012-10-17", "Statement": []}]])
r = iameval.Request("p", "s3:GetObject", "*", {"aws:SourceIp": ipaddress.ip_address("1.2.3.4"),
                                               "t": datetime.datetime.now(), "l": ["a", 1]})
d: iameval.Decision = ps.decide(r)
d2 = ps.decide("p", "a:b", "*", explain=True)
name: str = d.decision
ok: bool = d.allowed
many: list[iameval.Decision] = ps.decide_many([r, ("p", "a:b", "*")])
if d2.explanation is not None:
    for ref in d2.explanation.determining:
        line: int = ref.line
model = iameval.load_authorization_details("x.json")
answer: iameval.Decision = model.can("arn", "a:b", "*")
arns: list[str] = model.who_can("a:b", "*")
try:
    iameval.Policy("{")
except iameval.PolicyError as e:
    codes = [f.code for f in e.findings]
out: str = iameval.decide_json("{}")

# explain=True: the explanation is typed as present (no None check needed).
reason: str = ps.decide(r, explain=True).explanation.reason
reasons: list[str] = [x.explanation.reason for x in ps.decide_many([r], explain=True)]
why: iameval.ExplainedDecision = model.can("arn", "a:b", "*", explain=True)
sids = [ref.sid for ref in ps.decide("p", "a:b", "*", explain=True).explanation.determining]
maybe: iameval.Decision = ps.decide(r, explain=bool(reasons))
from_file: iameval.Policy = iameval.Policy.from_file("policy.json", "scp")
sessions = iameval.PolicySet(session_policies=[policy])
