"""Hostile input through the binding: whatever the bytes, check() returns
findings, Policy() raises only PolicyError, from_dict() only ValueError, and
decide_json() always answers JSON. Bounded and seeded: a smoke test, not a
fuzzer (the engine has its own)."""

import json
import random

import pytest

import iameval
from conftest import S3_READ

SEEDS = [json.dumps(S3_READ, indent=2).encode(),
         b'{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"*",'
         b'"Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*","b?"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}',
         "{\"Statement\":[{\"Sid\":\"caf\u00e9\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}".encode()]
ALPHABET = b'{}[]:,"\\ \n\t*?$%0aA\xc3\xa9\xff\x00'


def mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(3)
        i = rng.randrange(len(out) + 1)
        if op == 0 and out:
            del out[i % len(out)]
        elif op == 1:
            out.insert(i, rng.choice(ALPHABET))
        elif out:
            j = rng.randrange(len(out))
            out[i % len(out):i % len(out)] = out[j:j + rng.randint(1, 8)]
    return bytes(out)


@pytest.mark.parametrize("seed", range(3))
def test_policy_inputs(seed):
    rng = random.Random(seed)
    for _ in range(700):
        doc = mutate(rng, rng.choice(SEEDS))
        for kind in ("identity", "resource", "scp"):
            findings = iameval.check(doc, kind)
            assert all(isinstance(f, iameval.Finding) for f in findings)
            try:
                iameval.Policy(doc, kind)
            except iameval.PolicyError as e:
                assert e.errors, doc
                str(e)
            text = doc.decode("utf-8", "replace")
            iameval.check(text, kind)


def test_request_and_json_api_inputs():
    rng = random.Random(7)
    request = json.dumps({"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject",
                          "resource": "*", "context": {"aws:TagKeys": ["x"], "n": 1.5}}).encode()
    case = json.dumps({"policies": {"identity": [S3_READ]},
                       "request": json.loads(request), "explain": True}).encode()
    policies = iameval.PolicySet(identity=[S3_READ])
    for _ in range(1500):
        try:
            r = iameval.Request.from_dict(mutate(rng, request))
        except ValueError:
            pass
        else:
            repr(r), r.context, r.principal
            policies.decide(r, explain=True)
        answer = json.loads(iameval.decide_json(mutate(rng, case).decode("utf-8", "replace")))
        assert "decision" in answer or "error" in answer
