"""Deciding from several Python threads at once: same answers, no crashes,
and decide_many lets other threads run while the engine works."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import iameval
from conftest import DENY_DELETE, S3_READ

ALICE = "arn:aws:iam::111122223333:user/alice"
OWNER = "111122223333"  # S3 ARNs name no account: the bucket is Alice's own
ACTIONS = ("s3:GetObject", "s3:DeleteObject", "s3:PutObject", "s3:ListBucket")
EXPECTED = ("allowed", "explicitDeny", "implicitDeny", "allowed")


def test_many_threads_share_one_policy_set():
    policies = iameval.PolicySet(identity=[S3_READ, DENY_DELETE])
    requests = [iameval.Request(ALICE, a, "arn:aws:s3:::reports/k", resource_account=OWNER) for a in ACTIONS]

    def work(seed: int) -> list[str]:
        out = []
        for i in range(300):
            if (seed + i) % 3 == 0:
                out.extend(d.decision for d in policies.decide_many(requests * 20, explain=(i % 7 == 0)))
            else:
                out.extend(policies.decide(r).decision for r in requests)
        return out

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for result in results:
        assert len(result) % 4 == 0
        assert all(result[i] == EXPECTED[i % 4] for i in range(len(result)))


def test_decide_many_releases_the_gil():
    """While one thread is inside a long decide_many, a pure-Python thread
    keeps counting. With the GIL held it could not count at all until the
    batch ended."""
    policies = iameval.PolicySet(identity=[S3_READ, DENY_DELETE])
    batch = [iameval.Request(ALICE, a, "arn:aws:s3:::reports/k", resource_account=OWNER) for a in ACTIONS] * 50000
    inside = threading.Event()
    done = threading.Event()
    ticks_during = []

    def counter():
        inside.wait()
        n = 0
        while not done.is_set():
            n += 1
            time.sleep(0)
        ticks_during.append(n)

    t = threading.Thread(target=counter)
    t.start()
    # Converting the batch's arguments needs the GIL; mark the start late.
    inside.set()
    started = time.perf_counter()
    policies.decide_many(batch)
    elapsed = time.perf_counter() - started
    done.set()
    t.join()
    # The counter ran while the engine worked (the batch takes tens of ms).
    assert elapsed > 0
    assert ticks_during[0] > 10


def test_parsing_in_threads():
    def work(_):
        return [iameval.Policy(S3_READ).statement_count for _ in range(200)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(all(n == 1 for n in r) for r in pool.map(work, range(4)))
