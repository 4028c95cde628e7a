"""``python -m iameval``: the same ``decide``, ``check`` and ``decide-json``
commands as the native ``iameval`` tool (engine/cli/), with the same flags,
output and exit codes, running on the Python binding.

Parity is the point: flags are read by the same rules (no abbreviations, no
``--flag=value``), typed ``--context KEY:=JSON`` values and ``--now`` are read
by the engine's own JSON reader, and every line printed is formatted by the
engine (findings, JSON answers) or by the same template as the C++ tool.
"""

from __future__ import annotations

import sys
from typing import IO, Any, Optional, Sequence

from . import _iameval
from ._iameval import Policy, PolicySet, Request
from ._types import PolicyError

__all__ = ["main"]

# Exit codes, as engine/cli/cli.h.
EXIT_ALLOWED = 0  # decide: allowed; check: no errors
EXIT_DENIED = 1  # decide: explicit or implicit deny; check: errors
EXIT_USAGE = 2  # bad command line
EXIT_INVALID = 3  # decide: a policy or the request is invalid
EXIT_IO = 4  # a file could not be read

VERSION = "iameval 0.1.0"

# Verbatim from engine/cli/main.cc (tests compare it with the native tool).
USAGE = """iameval: decide AWS IAM requests exactly as AWS does

usage:
  iameval decide [policies] [request] [--explain] [--json]
  iameval check FILE... [--kind KIND] [--json]
  iameval decide-json            one JSON request per line on stdin, one answer per line
  iameval --help | --version

decide: policies (each FILE is a JSON policy document)
  --identity FILE          identity-based policy of the principal (repeatable)
  --resource FILE          the target resource's policy (bucket, key, trust, ...)
  --resource-kind KIND     resource, roleTrust or kmsKey (default: inferred from the request)
  --boundary FILE          permissions boundary
  --session FILE           session policy (repeatable)
  --scp FILE               service control policy, added to the current level (repeatable)
  --scp-level              start the next organization level of SCPs
  --rcp FILE, --rcp-level  resource control policies, likewise
decide: the request
  --request FILE           the request as JSON (conformance format), or:
  --principal ARN          caller: user, role, role session, federated user, root, service, *
  --action SERVICE:ACTION
  --resource-arn ARN       target resource, or * (default *)
  --resource-account ID    owner of the resource, where the ARN has no account (S3)
  --context KEY=VALUE      a string condition key (repeatable)
  --context KEY:=JSON      a typed one: number, true/false, or a JSON list
  --now ISO8601            pin aws:CurrentTime and aws:EpochTime
decide: output
  --explain                the determining statements and each policy kind's verdict
  --json                   one JSON object (the JSON API's answer shape)

check: validates each FILE and prints every finding as
  FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE]
  --kind KIND              identity (default), resource, roleTrust, kmsKey,
                           permissionsBoundary, session, scp, rcp

exit codes:
  0  decide: allowed                check: no errors (warnings allowed)
  1  decide: explicitDeny or implicitDeny   check: errors found
  2  usage error
  3  decide: a policy or the request is invalid (findings printed)
  4  a file could not be read
"""

_KINDS = {"identity", "resource", "roleTrust", "kmsKey", "permissionsBoundary", "session", "scp", "rcp"}
_RESOURCE_KINDS = {"resource", "roleTrust", "kmsKey"}


class _Usage(Exception):
    """A bad command line; the message is printed as is."""


def _read(path: str, err: IO[str]) -> Optional[bytes]:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        err.write(f"iameval: cannot read {path}: {e.strerror}\n")
        return None


def _probe_request(members: str) -> Optional[Request]:
    """The engine's reading of a request whose extra members are ``members``,
    text spliced in exactly as the C++ tool splices it; None if rejected."""
    text = '{"principal":"*","action":"a:b","resource":"*",' + members + "}"
    try:
        return Request.from_dict(text)
    except ValueError:
        return None


class _DecideOptions:
    def __init__(self) -> None:
        self.identity: list[str] = []
        self.session: list[str] = []
        self.resource = ""
        self.boundary = ""
        self.scps: list[list[str]] = [[]]
        self.rcps: list[list[str]] = [[]]
        self.resource_kind: Optional[str] = None
        self.request_file = ""
        self.principal: Optional[str] = None
        self.action: Optional[str] = None
        self.resource_arn = ""
        self.resource_account = ""
        # (key, str value or the engine's reading of a typed one), in order;
        # later keys replace earlier ones as Context::Set does.
        self.context: list[tuple[str, Any]] = []
        self.now: Optional[Request] = None
        self.explain = False
        self.json = False

    def set_context(self, assignment: str) -> bool:
        typed = assignment.find(":=")
        plain = assignment.find("=")
        if typed != -1 and typed < plain:
            key = assignment[:typed]
            probe = _probe_request('"context":{"":' + assignment[typed + 2:] + "}")
            if probe is None or not key or not probe.context:
                return False
            self.context.append((key, probe))
            return True
        if plain <= 0:
            return False
        self.context.append((assignment[:plain], assignment[plain + 1:]))
        return True

    def request(self) -> Request:
        return _iameval._cli_request(self.principal or "", self.action or "", self.resource_arn or "*",
                                     self.resource_account, self.context, self.now)


def _parse_decide_flags(args: Sequence[str]) -> _DecideOptions:
    o = _DecideOptions()
    i = 0
    while i < len(args):
        flag = args[i]
        if flag == "--explain":
            o.explain = True
        elif flag == "--json":
            o.json = True
        elif flag == "--scp-level":
            o.scps.append([])
        elif flag == "--rcp-level":
            o.rcps.append([])
        else:
            if i + 1 >= len(args):
                raise _Usage(f"iameval decide: {flag} needs a value")
            i += 1
            v = args[i]
            if flag == "--identity":
                o.identity.append(v)
            elif flag == "--resource":
                o.resource = v
            elif flag == "--boundary":
                o.boundary = v
            elif flag == "--session":
                o.session.append(v)
            elif flag == "--scp":
                o.scps[-1].append(v)
            elif flag == "--rcp":
                o.rcps[-1].append(v)
            elif flag == "--request":
                o.request_file = v
            elif flag == "--principal":
                o.principal = v
            elif flag == "--action":
                o.action = v
            elif flag == "--resource-arn":
                o.resource_arn = v
            elif flag == "--resource-account":
                o.resource_account = v
            elif flag == "--resource-kind":
                if v not in _RESOURCE_KINDS:
                    raise _Usage("iameval decide: --resource-kind takes resource, roleTrust or kmsKey")
                o.resource_kind = v
            elif flag == "--context":
                if not o.set_context(v):
                    raise _Usage(f"iameval decide: --context takes KEY=VALUE or KEY:=JSON, not `{v}`")
            elif flag == "--now":
                o.now = _probe_request('"currentTime":"' + v + '"')
                if o.now is None:
                    raise _Usage("iameval decide: --now takes an ISO 8601 instant such as 2026-01-31T12:00:00Z")
            else:
                raise _Usage(f"iameval decide: unknown flag `{flag}` (see iameval --help)")
        i += 1
    if len(o.scps) == 1 and not o.scps[0]:
        o.scps = []
    if len(o.rcps) == 1 and not o.rcps[0]:
        o.rcps = []
    if not o.request_file and (o.principal is None or o.action is None):
        raise _Usage("iameval decide: give --request FILE, or --principal and --action")
    return o


def _file_of(o: _DecideOptions, kind: str, level: Optional[int], index: int) -> str:
    def pick(files: list[str]) -> str:
        return files[index] if index < len(files) else "?"

    if kind == "identity":
        return pick(o.identity)
    if kind == "session":
        return pick(o.session)
    if kind == "permissionsBoundary":
        return o.boundary
    if kind in ("scp", "rcp"):
        levels = o.scps if kind == "scp" else o.rcps
        lvl = -1 if level is None else level
        return pick(levels[lvl]) if lvl < len(levels) else "?"
    return o.resource


def _print_explanation(why: "_iameval.Decision", o: _DecideOptions, out: IO[str]) -> None:
    e = why.explanation
    assert e is not None  # decided with explain=True
    out.write(f"  reason: {e.reason}\n")
    if e.determining:
        out.write("  determining statements:\n")
        for ref in e.determining:
            line = f"    {ref.effect}  {ref.kind}"
            if ref.level is not None:
                line += f" level {ref.level}"
            line += f"  {_file_of(o, ref.kind, ref.level, ref.policy_index)}:{ref.line}:{ref.column}"
            line += f"  Statement[{ref.statement_index}]"
            if ref.sid:
                line += f' "{ref.sid}"'
            out.write(line + "\n")
    out.write("  verdicts:\n")
    for v in e.verdicts:
        name = v.kind + (f" level {v.level}" if v.level is not None else "")
        out.write(f"    {name:<24}{v.verdict}\n")


def run_decide(args: Sequence[str], out: IO[str], err: IO[str]) -> int:
    """``decide``: policies from files, the request from flags or a JSON file."""
    try:
        o = _parse_decide_flags(args)
    except _Usage as e:
        err.write(f"{e}\n")
        return EXIT_USAGE
    if o.request_file:
        text = _read(o.request_file, err)
        if text is None:
            return EXIT_IO
        try:
            request = Request.from_dict(text)
        except ValueError as e:
            err.write(f"{o.request_file}: {e}\n")
            return EXIT_INVALID
    else:
        request = o.request()
    resource_kind = o.resource_kind or _iameval.infer_resource_policy_kind(request)

    io_error = invalid = False

    def load(path: str, kind: str) -> Optional[Policy]:
        nonlocal io_error, invalid
        text = _read(path, err)
        if text is None:
            io_error = invalid = True
            return None
        try:
            # The native tool reads files as they are: no URL decoding.
            policy = Policy(text, kind, url_encoded=False)
        except PolicyError as e:
            for f in e.findings:
                err.write(f.format(path) + "\n")
            invalid = True
            return None
        for f in policy.findings:
            err.write(f.format(path) + "\n")
        return policy

    def loaded(paths: list[str], kind: str) -> list[Policy]:
        return [p for p in (load(path, kind) for path in paths) if p is not None]

    identity = loaded(o.identity, "identity")
    resource = load(o.resource, resource_kind) if o.resource else None
    boundary = load(o.boundary, "permissionsBoundary") if o.boundary else None
    session = loaded(o.session, "session")
    scps = [loaded(level, "scp") for level in o.scps]
    rcps = [loaded(level, "rcp") for level in o.rcps]
    if io_error:
        return EXIT_IO
    if invalid:
        return EXIT_INVALID
    try:
        policies = PolicySet(identity=identity, resource=resource, permissions_boundary=boundary,
                             session=session, scps=scps, rcps=rcps, resource_kind=resource_kind)
    except (PolicyError, ValueError) as e:
        err.write(f"iameval decide: {e}\n")
        return EXIT_INVALID

    answer = policies.decide(request, explain=o.explain)
    if o.json:
        out.write(answer.to_json() + "\n")
    else:
        out.write(f"{answer.decision}  {request.action} on {request.resource}\n  by {request.principal}\n")
        if answer.error is not None:
            out.write(f"  error: {answer.error}\n")
        if o.explain:
            _print_explanation(answer, o, out)
    if answer.error is not None:
        return EXIT_INVALID
    return EXIT_ALLOWED if answer.allowed else EXIT_DENIED


def run_check(args: Sequence[str], out: IO[str], err: IO[str]) -> int:
    """``check FILE... [--kind KIND] [--json]``: every finding of each file."""
    kind = "identity"
    as_json = False
    files: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--kind":
            if i + 1 >= len(args) or args[i + 1] not in _KINDS:
                err.write("iameval check: --kind takes identity, resource, roleTrust, kmsKey, "
                          "permissionsBoundary, session, scp or rcp\n")
                return EXIT_USAGE
            kind = args[i + 1]
            i += 1
        elif a == "--json":
            as_json = True
        elif a.startswith("-") and a != "-":
            err.write(f"iameval check: unknown flag `{a}`\n")
            return EXIT_USAGE
        else:
            files.append(a)
        i += 1
    if not files:
        err.write("iameval check: name at least one policy file\n")
        return EXIT_USAGE
    any_error = False
    for path in files:
        text = _read(path, err)
        if text is None:
            return EXIT_IO
        findings = _iameval.check(text, kind, url_encoded=False)
        any_error = any_error or any(f.is_error for f in findings)
        if as_json:
            out.write(_iameval.findings_to_json(findings) + "\n")
            continue
        for f in findings:
            out.write(f.format(path) + "\n")
            if f.path:
                out.write(f"  at {f.path}\n")
            if f.help:
                out.write(f"  help: {f.help}\n")
    return EXIT_DENIED if any_error else EXIT_ALLOWED


def run_decide_json(args: Sequence[str], stdin: IO[bytes], out: IO[str], err: IO[str]) -> int:
    """``decide-json``: one JSON API request per line in, one answer per line out."""
    if args:
        err.write("iameval decide-json: takes no arguments; reads JSON lines on stdin\n")
        return EXIT_USAGE
    for raw in stdin:
        line = raw[:-1] if raw.endswith(b"\n") else raw
        if not line.strip(b" \t\r"):
            continue
        out.write(_iameval.decide_json(line) + "\n")
        out.flush()
    return EXIT_ALLOWED


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the tool on ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Bytes the engine echoes from bad input round-trip (see decide_json).
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", errors="surrogateescape", closefd=False)
    err = open(sys.stderr.fileno(), "w", encoding="utf-8", errors="surrogateescape", closefd=False)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        return _dispatch(args, out, err)
    finally:
        out.flush()
        err.flush()


def _dispatch(args: list[str], out: IO[str], err: IO[str]) -> int:
    if not args or args[0] in ("--help", "-h", "help"):
        out.write(USAGE)
        return EXIT_USAGE if not args else 0
    if args[0] == "--version":
        out.write(VERSION + "\n")
        return 0
    command, rest = args[0], args[1:]
    if command == "decide":
        return run_decide(rest, out, err)
    if command == "check":
        return run_check(rest, out, err)
    if command == "decide-json":
        return run_decide_json(rest, sys.stdin.buffer, out, err)
    err.write(f"iameval: unknown command `{command}` (see iameval --help)\n")
    return EXIT_USAGE
