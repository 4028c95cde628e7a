"""Issue #12 through Python: objects used before or initialised again after
__init__, times the engine's clock cannot hold, one rule for context keys, and
the input limits. Each test failed before its fix (a segfault, a decision on
uninitialised memory, 2300 read back as 1715, the last duplicate key winning).
"""

import datetime
import json
import re
import sys
import time

import pytest

import iameval
from iameval import Decision, Policy, PolicySet, Request

ALICE = "arn:aws:iam::111122223333:user/alice"
ALLOW_ALL = {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}

# Allowed, except after the start of 2025.
EXPIRING = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
         "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"}}},
    ],
}

# Allowed, except from outside 203.0.113.0/24.
OFFICE_ONLY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
         "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
    ],
}


# ---- objects that were never initialised, or initialised twice ---------------------------------

@pytest.mark.parametrize("cls", [Policy, Request, PolicySet, Decision])
def test_uninitialised_objects_raise_instead_of_crashing(cls):
    obj = cls.__new__(cls)
    properties = [name for name in dir(cls) if isinstance(getattr(cls, name), property)]
    assert properties
    for name in properties:
        with pytest.raises(TypeError, match="was never initialised"):
            getattr(obj, name)
    with pytest.raises(TypeError, match="was never initialised"):
        repr(obj)
    for method in ("to_dict", "to_json", "__bool__"):
        if hasattr(cls, method):
            with pytest.raises(TypeError, match="was never initialised"):
                getattr(obj, method)()


def test_an_uninitialised_request_or_set_is_never_decided():
    ready = PolicySet(identity=[ALLOW_ALL])
    blank = Request.__new__(Request)
    with pytest.raises(TypeError, match="Request was never initialised"):
        ready.decide(blank)
    with pytest.raises(TypeError, match="Request was never initialised"):
        ready.decide_many([blank])
    with pytest.raises(TypeError, match="PolicySet was never initialised"):
        PolicySet.__new__(PolicySet).decide(Request(ALICE, "s3:GetObject", "*"))
    with pytest.raises(TypeError, match="Policy was never initialised"):
        PolicySet(identity=[Policy.__new__(Policy)])
    with pytest.raises(TypeError, match="Request was never initialised"):
        iameval._iameval.infer_resource_policy_kind(blank)


@pytest.mark.parametrize("make, again", [
    (lambda: Policy(ALLOW_ALL), lambda p: p.__init__({"Version": "2012-10-17", "Statement": []})),
    (lambda: Request(ALICE, "s3:GetObject", "*"), lambda r: r.__init__(ALICE, "s3:DeleteObject", "*")),
    (lambda: PolicySet(identity=[ALLOW_ALL]), lambda s: s.__init__()),
])
def test_initialising_twice_is_refused(make, again):
    obj = make()
    before = repr(obj)
    with pytest.raises(TypeError, match="__init__ may run only once"):
        again(obj)
    assert repr(obj) == before


def test_subclasses_still_construct():
    class Tagged(Request):
        pass

    request = Tagged(ALICE, "s3:GetObject", "*")
    assert PolicySet(identity=[ALLOW_ALL]).decide(request).allowed
    assert Request.__init__.__doc__.startswith("__init__(self")


# ---- current_time outside the clock's range ---------------------------------------------------

@pytest.mark.parametrize("when", [datetime.datetime(2300, 1, 1), datetime.datetime(1677, 12, 31),
                                  datetime.datetime(9999, 12, 31, tzinfo=datetime.timezone.utc),
                                  datetime.datetime(1, 1, 1)])
def test_times_outside_the_json_layers_range_raise(when):
    deny_after_2025 = PolicySet(identity=[EXPIRING])
    message = "current_time must be between 1678-01-01T00:00:00Z and 2261-12-31T23:59:59Z"
    with pytest.raises(ValueError, match=message):
        Request(ALICE, "s3:GetObject", "*", current_time=when)
    with pytest.raises(ValueError, match=message):
        deny_after_2025.decide(ALICE, "s3:GetObject", "*", current_time=when)
    with pytest.raises(ValueError, match=message):
        deny_after_2025.decide_many([{"principal": ALICE, "action": "s3:GetObject", "resource": "*",
                                      "current_time": when}])
    # The JSON layer refuses the same instants.
    text = when.replace(tzinfo=None).isoformat() + "Z"
    with pytest.raises(ValueError, match="currentTime"):
        Request.from_dict({"principal": ALICE, "action": "s3:GetObject", "resource": "*",
                           "currentTime": text})


def test_times_at_the_edges_of_the_range_are_read_exactly():
    deny_after_2025 = PolicySet(identity=[EXPIRING])
    last = datetime.datetime(2261, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)
    first = datetime.datetime(1678, 1, 1, tzinfo=datetime.timezone.utc)
    assert Request(ALICE, "s3:GetObject", "*", current_time=last).current_time == last
    assert Request(ALICE, "s3:GetObject", "*", current_time=first).current_time == first
    assert deny_after_2025.decide(ALICE, "s3:GetObject", "*", current_time=last).decision == "explicitDeny"
    assert deny_after_2025.decide(ALICE, "s3:GetObject", "*", current_time=first).allowed


# ---- one rule for context keys -------------------------------------------------------------------

DUPLICATE_TEXT = "duplicate context key `AWS:SOURCEIP` (keys compare ignoring case)"
DUPLICATE = re.escape(DUPLICATE_TEXT)


def test_a_key_given_twice_ignoring_case_is_refused_everywhere():
    office_only = PolicySet(identity=[OFFICE_ONLY])
    context = {"aws:SourceIp": "198.51.100.9", "AWS:SOURCEIP": "203.0.113.7"}
    with pytest.raises(ValueError, match=DUPLICATE):
        Request(ALICE, "s3:GetObject", "*", context)
    with pytest.raises(ValueError, match=DUPLICATE):
        office_only.decide(ALICE, "s3:GetObject", "*", context)
    with pytest.raises(ValueError, match=DUPLICATE):
        office_only.decide_many([(ALICE, "s3:GetObject", "*", context)])
    with pytest.raises(ValueError, match=DUPLICATE):
        office_only.decide_many([{"principal": ALICE, "action": "s3:GetObject", "resource": "*",
                                  "context": context}])
    # The JSON layer, with the same words.
    request = {"principal": ALICE, "action": "s3:GetObject", "resource": "*", "context": context}
    with pytest.raises(ValueError, match=DUPLICATE):
        Request.from_dict(request)
    answer = json.loads(iameval.decide_json(json.dumps({"policies": {"identity": [OFFICE_ONLY]},
                                                        "request": request})))
    assert answer["decision"] is None
    assert answer["message"] == DUPLICATE_TEXT
    # One value per key: the Deny applies.
    assert office_only.decide(ALICE, "s3:GetObject", "*", {"aws:SourceIp": "198.51.100.9"}).decision == \
        "explicitDeny"


def test_many_keys_cost_linear_time():
    keys = {f"app:key{i}": "v" for i in range(10000)}
    start = time.process_time()
    for _ in range(5):
        request = Request(ALICE, "s3:GetObject", "*", keys)
    # 10,000 keys read one by one against every earlier key (the old O(n^2))
    # took about 0.3 s each; a hash set takes a few ms.
    assert time.process_time() - start < 1.0
    assert len(request.context) == 10000


# ---- input limits ----------------------------------------------------------------------------------

@pytest.fixture
def restore_limits():
    saved = iameval.input_limits()
    yield
    iameval.set_input_limits(**saved)


def test_the_default_limits_are_the_engines():
    assert iameval.input_limits() == {"max_input_bytes": 16 << 20, "max_context_keys": 10000,
                                      "max_context_values": 1000, "max_context_value_bytes": 64 << 10}


def test_context_limits_raise_with_the_engines_words(restore_limits):
    with pytest.raises(ValueError, match=r"request field `context` has more than 10,000 keys, the limit"):
        Request(ALICE, "s3:GetObject", "*", {f"k{i}": "v" for i in range(10001)})
    with pytest.raises(ValueError, match=r"context key `k` holds more than 1,000 values, the limit"):
        Request(ALICE, "s3:GetObject", "*", {"k": ["v"] * 1001})
    with pytest.raises(ValueError, match=r"context key `k` holds a value longer than 65,536 bytes, the limit"):
        Request(ALICE, "s3:GetObject", "*", {"k": "v" * 65537})
    with pytest.raises(ValueError, match=r"context key `k` holds a value longer than 65,536 bytes"):
        Request(ALICE, "s3:GetObject", "*", {"k": ["v", "é" * 32769]})  # 65,538 bytes of UTF-8
    assert Request(ALICE, "s3:GetObject", "*", {"k": "v" * 65536}).context["k"] == "v" * 65536
    iameval.set_input_limits(max_context_value_bytes=sys.maxsize, max_context_values=sys.maxsize)
    assert len(Request(ALICE, "s3:GetObject", "*", {"k": ["v"] * 2000}).context["k"]) == 2000


def test_json_input_over_the_limit_is_refused_unread(restore_limits):
    iameval.set_input_limits(max_input_bytes=1000)
    request = {"principal": ALICE, "action": "s3:GetObject", "resource": "*",
               "context": {"aws:UserAgent": "x" * 2000}}
    answer = json.loads(iameval.decide_json(json.dumps({"policies": {}, "request": request})))
    assert answer == {"decision": None, "error": "invalid-input",
                      "message": "the input is longer than 1,000 bytes, the limit", "findings": []}
    with pytest.raises(ValueError, match="the request is longer than 1,000 bytes, the limit"):
        Request.from_dict(request)
    with pytest.raises(ValueError, match="the policies is longer than 1,000 bytes, the limit"):
        PolicySet.from_dict({"identity": [ALLOW_ALL] * 20})
