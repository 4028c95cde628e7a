#!/usr/bin/python3
"""Writes the fuzz targets' seed corpora from the conformance corpus.

    engine/fuzz/make_seeds.py OUT_DIR [CONFORMANCE_DIR]

OUT_DIR/<target>/ gets one file per distinct seed, named by its SHA-1, so
running it again changes nothing. The seeds are made at build time, never
committed: the conformance cases are the source of truth.

  policy_parse_fuzz  every policy document, as its kind (one options byte, then the text)
  lint_fuzz          the same, and every policy of the lint corpus (conformance/lint/)
  decide_json_fuzz   every case as a DecideJson input {"policies", "request", "explain"}
  glob_fuzz          every Action/NotAction pattern with the case's action, every
                     Resource/NotResource pattern with its resource (two length bytes,
                     the pattern, the text)
  values_fuzz        every condition value and context value, as text
  decide_fuzz        64 fixed pseudo-random byte strings (its structure comes from
                     the generator, not from the bytes' meaning)

and, for every target, each file of engine/fuzz/regressions/<target>/: inputs that
once failed a fuzz run, kept so that every brief run (make test) replays them.
"""

import hashlib
import json
import pathlib
import random
import sys

KINDS = ["identity", "resource", "roleTrust", "kmsKey", "permissionsBoundary", "session", "scp",
         "rcp"]


def write(out, target, payload):
    if isinstance(payload, str):
        payload = payload.encode("utf-8", "surrogatepass")
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / hashlib.sha1(payload).hexdigest()
    if not path.exists():
        path.write_bytes(payload)


def document_text(document):
    return document if isinstance(document, str) else json.dumps(document, indent=2)


def resource_kind(case):
    kind = case.get("request", {}).get("resourcePolicyKind")
    if kind:
        return kind
    request = case.get("request", {})
    action = str(request.get("action", "")).lower()
    resource = str(request.get("resource", ""))
    trust = ("sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
             "sts:tagsession", "sts:setsourceidentity")
    if action in trust and ":iam::" in resource and ":role/" in resource:
        return "roleTrust"
    if action.startswith("kms:") and ":kms:" in resource and ":key/" in resource:
        return "kmsKey"
    return "resource"


def documents(case):
    """(kind, document) for every document of a case."""
    policies = case.get("policies", {})
    if not isinstance(policies, dict):
        return
    for document in policies.get("identity", []) or []:
        yield "identity", document
    if "resource" in policies:
        yield resource_kind(case), policies["resource"]
    if "permissionsBoundary" in policies:
        yield "permissionsBoundary", policies["permissionsBoundary"]
    for document in policies.get("sessionPolicies", []) or []:
        yield "session", document
    for key, kind in (("scps", "scp"), ("rcps", "rcp")):
        for level in policies.get(key, []) or []:
            for document in level:
                yield kind, document
    if "policy" in case:  # validation cases: one document and its kind
        yield case.get("kind", "identity"), case["policy"]
    if "policyText" in case:  # lint cases (conformance/lint/): the document's exact text
        yield case.get("kind", "identity"), case["policyText"]


def statements(document):
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return
    if not isinstance(document, dict):
        return
    found = document.get("Statement", [])
    for statement in found if isinstance(found, list) else [found]:
        if isinstance(statement, dict):
            yield statement


def strings(value):
    if isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, bool):
        yield "true" if value else "false"
    elif isinstance(value, (str, int, float)):
        yield str(value)


def glob_seed(pattern, text):
    pattern = pattern.encode("utf-8", "surrogatepass")[:2048]
    text = text.encode("utf-8", "surrogatepass")
    return bytes([len(pattern) >> 8, len(pattern) & 0xff]) + pattern + text


def main():
    out = pathlib.Path(sys.argv[1])
    corpus = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else
                          pathlib.Path(__file__).resolve().parents[2] / "conformance")
    cases = 0
    for path in sorted(corpus.rglob("*.json")):
        # A case file is an array of cases or {"cases": [...]} (FORMAT.md).
        data = json.loads(path.read_text())
        for case in data if isinstance(data, list) else data.get("cases", []):
            cases += 1
            request = case.get("request", {}) if isinstance(case.get("request"), dict) else {}
            if "request" in case:
                write(out, "decide_json_fuzz", json.dumps(
                    {"policies": case.get("policies", {}), "request": case["request"],
                     "explain": True}))
            for value in strings(list((request.get("context") or {}).values())):
                write(out, "values_fuzz", value)
            for kind, document in documents(case):
                option = KINDS.index(kind) if kind in KINDS else 0
                write(out, "policy_parse_fuzz", bytes([option]) + document_text(document).encode(
                    "utf-8", "surrogatepass"))
                write(out, "lint_fuzz", bytes([option]) + document_text(document).encode(
                    "utf-8", "surrogatepass"))
                for statement in statements(document):
                    for element, text in (("Action", "action"), ("NotAction", "action"),
                                          ("Resource", "resource"), ("NotResource", "resource")):
                        for pattern in strings(statement.get(element, [])):
                            write(out, "glob_fuzz", glob_seed(pattern, str(request.get(text, ""))))
                    condition = statement.get("Condition")
                    if isinstance(condition, dict):
                        for block in condition.values():
                            if isinstance(block, dict):
                                for value in strings(list(block.values())):
                                    write(out, "values_fuzz", value)
    regressions = pathlib.Path(__file__).resolve().parent / "regressions"
    for folder in sorted(p for p in regressions.iterdir() if p.is_dir()):
        for seed in sorted(folder.iterdir()):
            if seed.is_file() and seed.name != "README.md":
                write(out, folder.name, seed.read_bytes())
    generator = random.Random(20261128)
    for _ in range(64):
        write(out, "decide_fuzz", bytes(generator.randrange(256) for _ in range(512)))
    counts = {d.name: sum(1 for _ in d.iterdir()) for d in sorted(out.iterdir()) if d.is_dir()}
    print(f"make_seeds: {cases} conformance cases -> " +
          ", ".join(f"{name} {count}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
