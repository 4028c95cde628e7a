// File: engine/cli/cli_test.cc
//
// The `iameval` tool through RunCommandLine, in process: every behaviour of
// the command line that issue #17 (point 5) and #12 (the CLI items) ask for,
// each with the exit code and the words a user sees.

#include "cli/cli.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/usage.h"
#include "iameval/version.h"
#include "testing/memory_limit.h"

namespace iameval::cli {
namespace {

namespace fs = std::filesystem;

struct Run {
  int status;
  std::string out, err;
};

Run Tool(std::vector<std::string> args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  int status = RunCommandLine(args, in, out, err);
  return {status, out.str(), err.str()};
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A scratch folder of policy files, removed afterwards.
class Scratch {
 public:
  Scratch() {
    static int counter = 0;
    root_ = fs::temp_directory_path() /
            ("iameval_cli_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(root_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = root_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  std::string Path(const std::string& name) const { return (root_ / name).string(); }

 private:
  fs::path root_;
};

const std::string kRole = "arn:aws:iam::111122223333:role/app";
const std::string kAllowGet =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
const std::string kBucketPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]})";
const std::string kTrustPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
const std::string kDenyPaused =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/paused":"yes"}}}]})";

// ---- point 5: the command line as people use it ----------------------------

TEST_CASE("cli: --help and -h on every command print its flags and examples", "[cli]") {
  for (const CommandSpec& command : Commands()) {
    for (const char* flag : {"--help", "-h"}) {
      Run run = Tool({std::string(command.name), flag});
      INFO(command.name << " " << flag);
      CHECK(run.status == 0);
      CHECK(run.err.empty());
      CHECK(Contains(run.out, "usage: iameval " + std::string(command.name)));
      CHECK(Contains(run.out, "examples:\n  # "));
      for (const FlagSpec& spec : command.flags) CHECK(Contains(run.out, std::string(spec.name)));
    }
  }
  // --help wins wherever it stands, even after a flag that wants a value.
  CHECK(Tool({"decide", "--identity", "x.json", "--help"}).status == 0);
  CHECK(Tool({"help", "check"}).out == CommandHelp(*FindCommand("check")));
  Run tool = Tool({"--help"});
  CHECK(tool.status == 0);
  CHECK(Contains(tool.out, "iameval decide [policies] [request] [--explain] [--json]"));
  CHECK(Tool({}).status == kExitUsage);
}

TEST_CASE("cli: --version prints the version of version.h", "[cli]") {
  Run run = Tool({"--version"});
  CHECK(run.status == 0);
  CHECK(run.out == std::string("iameval ") + IAMEVAL_VERSION_STRING + "\n");
  CHECK(IAMEVAL_VERSION == IAMEVAL_VERSION_NUMBER(IAMEVAL_VERSION_MAJOR, IAMEVAL_VERSION_MINOR,
                                                  IAMEVAL_VERSION_PATCH));
}

TEST_CASE("cli: --flag=value reads as --flag value", "[cli]") {
  Scratch dir;
  std::string policy = dir.Write("p.json", kAllowGet);
  Run spaced =
      Tool({"decide", "--identity", policy, "--principal", kRole, "--action", "s3:GetObject"});
  Run joined =
      Tool({"decide", "--identity=" + policy, "--principal=" + kRole, "--action=s3:GetObject"});
  CHECK(spaced.status == 0);
  CHECK(joined.status == spaced.status);
  CHECK(joined.out == spaced.out);
  // The first `=` splits: the value keeps the rest.
  CHECK(Tool({"decide", "--identity=" + policy, "--principal=" + kRole, "--action=s3:GetObject",
              "--context=aws:username=a=b"})
            .status == 0);
  CHECK(Tool({"check", "--kind=scp", policy}).status == 0);
  Run valued_switch = Tool({"decide", "--json=yes"});
  CHECK(valued_switch.status == kExitUsage);
  CHECK(valued_switch.err == "iameval decide: `--json` takes no value, not `yes`\n");
  Run missing = Tool({"decide", "--principal"});
  CHECK(missing.err == "iameval decide: `--principal` needs a value (ARN)\n");
}

TEST_CASE("cli: an unknown flag is named with the closest known one", "[cli]") {
  Run run = Tool({"decide", "--principl", kRole});
  CHECK(run.status == kExitUsage);
  CHECK(run.err ==
        "iameval decide: unknown flag `--principl`; did you mean `--principal`? "
        "(see iameval decide --help)\n");
  CHECK(Contains(Tool({"check", "--kinds", "scp", "x"}).err, "did you mean `--kind`?"));
  CHECK(Contains(Tool({"decide", "--resource-arn=x", "--Identity", "y"}).err,
                 "did you mean `--identity`?"));
  Run far = Tool({"check", "--frobnicate"});
  CHECK(far.err == "iameval check: unknown flag `--frobnicate` (see iameval check --help)\n");
  CHECK(Contains(Tool({"chek"}).err, "unknown command `chek`; did you mean `check`?"));
}

TEST_CASE("cli: `-` reads standard input, once", "[cli]") {
  Run check = Tool({"check", "-"}, kBucketPolicy);
  CHECK(check.status == 0);
  Run decide = Tool({"decide", "--identity", "-", "--principal", kRole, "--action", "s3:GetObject"},
                    kAllowGet);
  CHECK(decide.status == 0);
  CHECK(Contains(decide.out, "allowed  s3:GetObject on *"));
  Run twice = Tool({"check", "-", "-"}, kAllowGet);
  CHECK(twice.status == kExitIo);
  CHECK(Contains(twice.err, "standard input was already read"));
  // A file named twice is read once, so a document on stdin may fill two slots.
  CHECK(Tool({"decide", "--scp", "-", "--scp-level", "--scp", "-", "--identity", "-", "--principal",
              kRole, "--action", "s3:GetObject"},
             kAllowGet)
            .status == 0);
}

TEST_CASE("cli: a directory stands for the .json files under it", "[cli]") {
  Scratch dir;
  dir.Write("policies/b.json", kAllowGet);
  dir.Write("policies/a.json", kDenyPaused);
  dir.Write("policies/nested/c.json", kAllowGet);
  dir.Write("policies/notes.txt", "not a policy");
  fs::create_directories(dir.Path("empty"));
  Run check = Tool({"check", dir.Path("policies")});
  CHECK(check.status == 0);
  CHECK(Contains(check.err, "a.json: read as an identity policy"));
  CHECK(check.err.find("a.json") < check.err.find("b.json"));
  CHECK(check.err.find("b.json") < check.err.find("nested/c.json"));
  CHECK_FALSE(Contains(check.err, "notes.txt"));
  std::vector<std::string> paused = {"decide",       "--identity", dir.Path("policies"),
                                     "--principal",  kRole,        "--action",
                                     "s3:GetObject", "--context",  "aws:PrincipalTag/paused=yes"};
  CHECK(Tool(paused).status == kExitDenied);  // a.json's Deny applies: both files were read
  paused.back() = "aws:PrincipalTag/paused=no";
  CHECK(Tool(paused).status == 0);
  Run empty = Tool({"check", dir.Path("empty")});
  CHECK(empty.status == kExitIo);
  CHECK(Contains(empty.err, "a directory with no .json file under it"));
}

TEST_CASE("cli: check reads each file as the kind --kind names or its document shows", "[cli]") {
  Scratch dir;
  std::string bucket = dir.Write("bucket.json", kBucketPolicy);
  std::string trust = dir.Write("trust.json", kTrustPolicy);
  std::string identity = dir.Write("identity.json", kAllowGet);
  Run inferred = Tool({"check", bucket, trust, identity});
  CHECK(inferred.status == 0);  // a bucket policy is not a broken identity policy
  CHECK(inferred.out.empty());
  CHECK(Contains(inferred.err, bucket + ": read as a resource policy (its statements name a "
                                        "Principal; --kind chooses)"));
  CHECK(Contains(inferred.err, trust + ": read as a roleTrust policy"));
  CHECK(Contains(inferred.err, identity + ": read as an identity policy (no statement names a "
                                          "Principal; --kind chooses)"));
  // --kind once for all files, and no inference stated.
  Run forced = Tool({"check", "--kind", "identity", bucket});
  CHECK(forced.status == kExitDenied);
  CHECK(Contains(forced.out, "[principal-not-allowed]"));
  CHECK_FALSE(Contains(forced.err, "read as"));
  CHECK(Tool({"check", "--kind", "bucket", bucket}).status == kExitUsage);
}

TEST_CASE("cli: the {\"Policy\": \"...\"} that get-bucket-policy prints is unwrapped", "[cli]") {
  Scratch dir;
  // As `aws s3api get-bucket-policy --bucket reports` prints it.
  std::string escaped;
  for (char c : kBucketPolicy) {
    if (c == '"') escaped += '\\';
    escaped += c;
  }
  std::string wrapped = dir.Write("wrapped.json", "{\n    \"Policy\": \"" + escaped + "\"\n}\n");
  Run check = Tool({"check", wrapped});
  CHECK(check.status == 0);
  CHECK(Contains(check.err, "read as a resource policy"));
  CHECK(Contains(check.err, "read the document inside `{\"Policy\": ...}`"));
  Run decide =
      Tool({"decide", "--resource", wrapped, "--principal", kRole, "--action", "s3:GetObject",
            "--resource-arn", "arn:aws:s3:::reports/q1.csv", "--resource-account", "111122223333"});
  CHECK(decide.status == 0);
  // A wrapper with anything else beside `Policy` is a document like any other.
  std::string other = dir.Write("other.json", "{\"Policy\": \"x\", \"Version\": \"2012-10-17\"}");
  CHECK(Tool({"check", other}).status == kExitDenied);
}

TEST_CASE("cli: check --json names each file and its kind", "[cli]") {
  Scratch dir;
  std::string bucket = dir.Write("bucket.json", kBucketPolicy);
  std::string bad =
      dir.Write("bad.json", R"({"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]})");
  Run run = Tool({"check", "--json", bucket, bad});
  CHECK(run.status == kExitDenied);
  CHECK(run.err.empty());
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  CHECK(first == "{\"file\":\"" + bucket +
                     "\",\"kind\":\"resource\",\"kindInferred\":true,\"kindReason\":\"its "
                     "statements name a Principal\",\"unwrapped\":false,\"valid\":true,"
                     "\"findings\":[]}");
  CHECK(second.rfind("{\"file\":\"" + bad + "\",\"kind\":\"identity\"", 0) == 0);
  CHECK(Contains(second, "\"valid\":false"));
  CHECK(Contains(second, "\"code\":\"invalid-effect\""));
  Run kinded = Tool({"check", "--json", "--kind", "resource", bucket});
  CHECK(Contains(kinded.out, "\"kind\":\"resource\",\"kindInferred\":false,\"unwrapped\""));
}

TEST_CASE("cli: several --action and --resource-arn values decide the whole matrix", "[cli]") {
  Scratch dir;
  std::string bucket = dir.Write("bucket.json", kBucketPolicy);
  std::vector<std::string> args = {"decide",
                                   "--resource",
                                   bucket,
                                   "--principal",
                                   kRole,
                                   "--resource-account",
                                   "111122223333",
                                   "--action",
                                   "s3:GetObject",
                                   "--action",
                                   "s3:PutObject",
                                   "--resource-arn",
                                   "arn:aws:s3:::reports/a",
                                   "--resource-arn",
                                   "arn:aws:s3:::reports/b"};
  Run text = Tool(args);
  CHECK(text.status == kExitDenied);  // not all allowed
  CHECK(text.out == "allowed  s3:GetObject on arn:aws:s3:::reports/a\n  by " + kRole +
                        "\n"
                        "allowed  s3:GetObject on arn:aws:s3:::reports/b\n  by " +
                        kRole +
                        "\n"
                        "implicitDeny  s3:PutObject on arn:aws:s3:::reports/a\n  by " +
                        kRole +
                        "\n"
                        "implicitDeny  s3:PutObject on arn:aws:s3:::reports/b\n  by " +
                        kRole + "\n");
  args.push_back("--json");
  Run json = Tool(args);
  CHECK(json.out ==
        "{\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::reports/a\",\"decision\":"
        "\"allowed\",\"error\":null}\n"
        "{\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::reports/b\",\"decision\":"
        "\"allowed\",\"error\":null}\n"
        "{\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::reports/a\",\"decision\":"
        "\"implicitDeny\",\"error\":null}\n"
        "{\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::reports/b\",\"decision\":"
        "\"implicitDeny\",\"error\":null}\n");
  // All allowed: exit 0. One pair: the JSON API's answer shape, unchanged.
  Run one = Tool({"decide", "--resource", bucket, "--principal", kRole, "--resource-account",
                  "111122223333", "--action", "s3:GetObject", "--resource-arn",
                  "arn:aws:s3:::reports/a", "--resource-arn", "arn:aws:s3:::reports/b"});
  CHECK(one.status == 0);
  Run single = Tool({"decide", "--resource", bucket, "--principal", kRole, "--resource-account",
                     "111122223333", "--action", "s3:GetObject", "--resource-arn",
                     "arn:aws:s3:::reports/a", "--json"});
  CHECK(single.out == "{\"decision\":\"allowed\",\"error\":null}\n");
}

TEST_CASE("cli: a matrix reads the resource policy as each request's kind", "[cli]") {
  Scratch dir;
  // A trust policy: for sts:AssumeRole on a role it is read as roleTrust.
  std::string trust = dir.Write("trust.json", kTrustPolicy);
  Run run = Tool({"decide", "--resource", trust, "--principal", "ec2.amazonaws.com", "--action",
                  "sts:AssumeRole", "--resource-arn", "arn:aws:iam::111122223333:role/app",
                  "--resource-arn", "arn:aws:iam::111122223333:role/other"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
}

TEST_CASE("cli: an empty SCP or RCP level is an error, not a silent deny-all", "[cli]") {
  Scratch dir;
  std::string scp = dir.Write("scp.json", kAllowGet);
  std::vector<std::string> request = {"--principal",  kRole,        "--action",
                                      "s3:GetObject", "--identity", scp};
  auto with = [&](std::vector<std::string> policies) {
    std::vector<std::string> args = {"decide"};
    args.insert(args.end(), policies.begin(), policies.end());
    args.insert(args.end(), request.begin(), request.end());
    return Tool(args);
  };
  Run trailing = with({"--scp", scp, "--scp-level"});
  CHECK(trailing.status == kExitUsage);
  CHECK(trailing.err ==
        "iameval decide: SCP level 1 is empty: give it at least one --scp FILE (an empty level "
        "would deny every request)\n");
  CHECK(with({"--scp-level", "--scp", scp}).status == kExitUsage);
  Run rcp = with({"--rcp-level"});
  CHECK(rcp.status == kExitUsage);
  CHECK(Contains(rcp.err, "RCP level 0 is empty"));
  CHECK(with({"--scp", scp, "--scp-level", "--scp", scp}).status == 0);
}

TEST_CASE("cli: a request resource that is not an ARN or * is refused", "[cli]") {
  Scratch dir;
  std::string policy = dir.Write("p.json", kAllowGet);
  Run run = Tool({"decide", "--identity", policy, "--principal", kRole, "--action", "s3:GetObject",
                  "--resource-arn", "reports/q1.csv"});
  CHECK(run.status == kExitUsage);
  CHECK(run.err ==
        "iameval decide: --resource-arn: a request's resource is an ARN "
        "(arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) or *, not `reports/q1.csv`\n");
  std::string request =
      dir.Write("request.json",
                R"({"principal":")" + kRole + R"(","action":"s3:GetObject","resource":"q1"})");
  Run file = Tool({"decide", "--identity", policy, "--request", request});
  CHECK(file.status == kExitInvalid);
  CHECK(Contains(file.err, "not `q1`"));
  CHECK(Tool({"decide", "--identity", policy, "--principal", kRole, "--action", "s3:GetObject",
              "--resource-arn", "*"})
            .status == 0);
}

TEST_CASE("cli: the man page and bash completion come from the usage table", "[cli]") {
  std::string man = Tool({"--man"}).out;
  CHECK(man.rfind(".TH IAMEVAL 1", 0) == 0);
  std::string completion = Tool({"--bash-completion"}).out;
  CHECK(Contains(completion, "complete -o filenames -F _iameval iameval"));
  auto roff = [](std::string_view text) {
    std::string out;
    for (char c : text) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
  };
  for (const CommandSpec& command : Commands()) {
    CHECK(Contains(man, ".SH " + roff(command.name) + "\n"));
    CHECK(Contains(completion, "    " + std::string(command.name) + ")\n"));
    for (const FlagSpec& flag : command.flags) {
      CHECK(Contains(
          man, "\n.B" + std::string(flag.value_name.empty() ? " " : "I \"") + roff(flag.name)));
      CHECK(Contains(completion, " " + std::string(flag.name)));
    }
  }
  CHECK(Tool({"--man", "x"}).status == kExitUsage);
}

// ---- issue #12: bounded inputs and the smaller CLI defects ------------------

TEST_CASE("cli: documents are bounded while read: /dev/zero is not read to its end", "[cli]") {
  Run check = Tool({"check", "/dev/zero"});
  CHECK(check.status == kExitDenied);
  CHECK(check.out ==
        "/dev/zero:1:1: error: the document is over the limit of 1,048,576 bytes (reading "
        "stopped there) [document-too-large]\n");
  Run identity =
      Tool({"decide", "--identity", "/dev/zero", "--principal", kRole, "--action", "a:b"});
  CHECK(identity.status == kExitInvalid);
  CHECK(Contains(identity.err, "[document-too-large]"));
  Run request = Tool({"decide", "--request", "/dev/zero"});
  CHECK(request.status == kExitIo);
  CHECK(Contains(request.err, "over the request limit of 16,777,216 bytes"));
  // Exactly the limit is still read.
  std::string big(Limits().max_document_bytes, ' ');
  CHECK_FALSE(Contains(Tool({"check", "-"}, big).out, "document-too-large"));
}

TEST_CASE("cli: decide-json bounds each line and says so with exit code 4", "[cli]") {
  std::string line = R"({"policies":{},"request":{"principal":"*","action":"a:b","resource":"*"}})";
  Run ok = Tool({"decide-json"}, line + "\n\n" + line);  // the last line needs no newline
  CHECK(ok.status == 0);
  CHECK(ok.out ==
        "{\"decision\":\"implicitDeny\",\"error\":null,\"findings\":[]}\n"
        "{\"decision\":\"implicitDeny\",\"error\":null,\"findings\":[]}\n");
  std::string huge(kMaxRequestBytes + 1, ' ');
  Run over = Tool({"decide-json"}, line + "\n" + huge + "\n" + line + "\n");
  CHECK(over.status == kExitIo);
  CHECK(over.out == "{\"decision\":\"implicitDeny\",\"error\":null,\"findings\":[]}\n");
  CHECK(over.err ==
        "iameval decide-json: line 2 is over the limit of 16,777,216 bytes; stopped reading\n");
  CHECK(Tool({"decide-json", "x"}).status == kExitUsage);
}

TEST_CASE("cli: out of memory in decide-json exits 5 with a message, not 0 in silence", "[cli]") {
  if (testing::kSanitized) {
    SUCCEED("address-space limits do not apply under sanitizers");
    return;
  }
  // A line within the 16 MiB bound that does not fit in the memory left.
  std::istringstream in(std::string(12 << 20, ' ') + "{}\n");
  std::ostringstream out, err;
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  const int status = testing::InChildUnderMemoryLimit(4 << 20, [&] {
    int exit_status = RunCommandLine({"decide-json"}, in, out, err);
    std::string said = out.str() + "|" + err.str();
    if (write(pipe_fds[1], said.data(), said.size()) < 0) return 101;
    return exit_status;
  });
  close(pipe_fds[1]);
  char buffer[256];
  ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
  close(pipe_fds[0]);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == kExitNoMemory);
  CHECK(std::string(buffer, n > 0 ? n : 0) == "|iameval: out of memory\n");
}

TEST_CASE("cli: --request with request flags is refused, not silently preferred", "[cli]") {
  Scratch dir;
  std::string request = dir.Write(
      "request.json", R"({"principal":")" + kRole + R"(","action":"s3:GetObject","resource":"*"})");
  for (const char* flag : {"--principal", "--action", "--resource-arn", "--context", "--now"}) {
    std::string value = std::string(flag) == "--context"  ? "a=b"
                        : std::string(flag) == "--now"    ? "2026-01-01T00:00:00Z"
                        : std::string(flag) == "--action" ? "s3:PutObject"
                                                          : "*";
    Run run = Tool({"decide", "--request", request, flag, value});
    INFO(flag);
    CHECK(run.status == kExitUsage);
    CHECK(run.err ==
          "iameval decide: give the request as --request FILE or as flags, not both "
          "(--request would replace `" +
              std::string(flag) + "`)\n");
  }
  CHECK(Tool({"decide", "--principal", kRole, "--principal", "*", "--action", "a:b"}).status ==
        kExitUsage);
}

TEST_CASE("cli: a directory where one file is needed is an input error (exit 4)", "[cli]") {
  Scratch dir;
  fs::create_directories(dir.Path("d"));
  dir.Write("d/p.json", kAllowGet);
  for (const char* flag : {"--resource", "--boundary", "--request"}) {
    Run run = Tool({"decide", flag, dir.Path("d"), "--principal", kRole, "--action", "a:b"});
    INFO(flag);
    if (std::string(flag) == "--request") {
      run = Tool({"decide", flag, dir.Path("d")});
    }
    CHECK(run.status == kExitIo);
    CHECK(Contains(run.err, "iameval: cannot read " + dir.Path("d") + ": it is a directory"));
  }
  CHECK(Tool({"check", dir.Path("missing.json")}).status == kExitIo);
}

TEST_CASE("cli: --now reaches the JSON reader as a string, never as JSON text", "[cli]") {
  Scratch dir;
  std::string policy = dir.Write("p.json", kAllowGet);
  // Pasted into JSON unescaped, this was read as a valid request (the time,
  // then a `resourceAccount` member) and accepted.
  Run run = Tool({"decide", "--identity", policy, "--principal", kRole, "--action", "s3:GetObject",
                  "--now", R"(2026-01-01T00:00:00Z","resourceAccount":"1)"});
  CHECK(run.status == kExitUsage);
  CHECK(run.err ==
        "iameval decide: --now takes an ISO 8601 instant such as 2026-01-31T12:00:00Z\n");
  CHECK(Tool({"decide", "--identity", policy, "--principal", kRole, "--action", "s3:GetObject",
              "--now", "2026-01-01T00:00:00Z"})
            .status == 0);
}

TEST_CASE("cli: --context keys that differ only in case are refused", "[cli]") {
  Scratch dir;
  std::string deny = dir.Write("deny.json", kDenyPaused);
  std::string allow = dir.Write("allow.json", kAllowGet);
  // Keeping the last value would step around the Deny.
  Run run = Tool({"decide", "--identity", allow, "--identity", deny, "--principal", kRole,
                  "--action", "s3:GetObject", "--context", "aws:PrincipalTag/paused=yes",
                  "--context", "AWS:PRINCIPALTAG/PAUSED=no"});
  CHECK(run.status == kExitUsage);
  CHECK(run.err ==
        "iameval decide: --context: duplicate context key `AWS:PRINCIPALTAG/PAUSED` (keys compare "
        "ignoring case)\n");
  // The engine's ContextReader bounds values as in every binding.
  Run long_value = Tool({"decide", "--identity", allow, "--principal", kRole, "--action",
                         "s3:GetObject", "--context", "aws:UserAgent=" + std::string(70000, 'a')});
  CHECK(long_value.status == kExitUsage);
  CHECK(long_value.err ==
        "iameval decide: --context: context key `aws:UserAgent` holds a value longer than 65,536 "
        "bytes, the limit\n");
  CHECK(Tool({"decide", "--identity", allow, "--identity", deny, "--principal", kRole, "--action",
              "s3:GetObject", "--context", "aws:PrincipalTag/paused=yes"})
            .status == kExitDenied);
}

TEST_CASE("cli: --session-policy names session policies, --session stays as its old name",
          "[cli]") {
  Scratch dir;
  std::string identity = dir.Write("identity.json", kAllowGet);
  std::string list_only = dir.Write(
      "session.json",
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket",)"
      R"("Resource":"*"}]})");
  std::vector<std::string> request = {
      "--principal", "arn:aws:sts::111122223333:assumed-role/app/job", "--action", "s3:GetObject",
      "--resource-arn", "arn:aws:s3:::reports/q1.csv",
      // S3 ARNs name no account: the bucket is the role's own.
      "--resource-account", "111122223333"};
  auto decide = [&](std::vector<std::string> policies) {
    std::vector<std::string> args = {"decide"};
    args.insert(args.end(), policies.begin(), policies.end());
    args.insert(args.end(), request.begin(), request.end());
    return Tool(args);
  };
  CHECK(decide({"--identity", identity}).status == kExitAllowed);
  Run named = decide({"--identity", identity, "--session-policy", list_only});
  CHECK(named.status == kExitDenied);  // a session policy must allow it too
  CHECK(Contains(named.out, "implicitDeny"));
  Run old = decide({"--identity", identity, "--session", list_only});
  CHECK(old.status == named.status);
  CHECK(old.out == named.out);
  CHECK(Contains(Tool({"decide", "--help"}).out, "--session-policy FILE"));
}

TEST_CASE("cli: policy kinds are read ignoring case", "[cli]") {
  Scratch dir;
  std::string scp = dir.Write("scp.json", kAllowGet);
  Run upper = Tool({"check", "--kind", "SCP", scp});
  Run lower = Tool({"check", "--kind", "scp", scp});
  CHECK(upper.status == lower.status);
  CHECK(upper.out == lower.out);
  CHECK(Tool({"check", "--kind", "RoleTrust", scp}).status != kExitUsage);
}

TEST_CASE("cli: lint says where, what and the nearest action, in text, JSON and SARIF",
          "[cli][lint]") {
  Scratch dir;
  std::string typo = dir.Write("typo.json",
                               "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": "
                               "\"Allow\",\n    \"Action\": \"s3:GetObjekt\", \"Resource\": "
                               "\"arn:aws:s3:::b/*\"}]\n}\n");
  Run text = Tool({"lint", typo});
  CHECK(text.status == 1);  // an error, and --fail-on defaults to error
  CHECK(Contains(text.out, typo + ":4:15: error: `s3:GetObjekt` is not an action of s3"));
  CHECK(Contains(text.out, "[unknown-action]\n  at Statement[0].Action\n"));
  CHECK(Contains(text.out, "  help: did you mean `s3:GetObject`?\n"));
  CHECK(
      Contains(text.out, "1 error, 0 security warnings, 0 warnings, 0 suggestions; catalogue of "));
  Run json = Tool({"lint", "--format", "json", typo});
  CHECK(json.status == 1);
  CHECK(Contains(json.out, "\"awsCode\":\"INVALID_ACTION\""));
  CHECK(Contains(json.out, "\"line\":4,\"column\":15,\"help\":\"did you mean `s3:GetObject`?\""));
  Run sarif = Tool({"lint", "--format", "sarif", typo});
  CHECK(sarif.status == 1);
  CHECK(Contains(sarif.out, "\"version\":\"2.1.0\""));
  CHECK(Contains(sarif.out, "\"region\":{\"startLine\":4,\"startColumn\":15}"));
  CHECK(Contains(sarif.out, "did you mean `s3:GetObject`?"));
}

TEST_CASE("cli: lint exits 1 only for a finding at --fail-on or graver", "[cli][lint]") {
  Scratch dir;
  // One finding each, of each grade below error (checked by the counts line).
  std::string security =
      dir.Write("passrole.json",
                R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole",)"
                R"("Resource":"arn:aws:iam::111122223333:role/*"}]})");
  std::string warning = dir.Write(
      "describe.json",
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances",)"
      R"("Resource":"arn:aws:ec2:us-east-1:111122223333:instance/i-1"}]})");
  std::string suggestion =
      dir.Write("star.json",
                R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
                R"("Resource":"*"}]})");
  CHECK(Contains(Tool({"lint", security}).out, "0 errors, 1 security warning, 0 warnings, 0 "));
  CHECK(Contains(Tool({"lint", warning}).out, "0 errors, 0 security warnings, 1 warning, 0 "));
  CHECK(Contains(Tool({"lint", suggestion}).out, "0 warnings, 1 suggestion;"));
  struct Expectation {
    std::string file, fail_on;
    int status;
  };
  for (const Expectation& e : std::vector<Expectation>{
           {security, "error", 0},
           {security, "security-warning", 1},
           {warning, "security-warning", 0},
           {warning, "warning", 1},
           {suggestion, "warning", 0},
           {suggestion, "suggestion", 1},
       }) {
    INFO(e.file << " --fail-on " << e.fail_on);
    CHECK(Tool({"lint", "--fail-on", e.fail_on, e.file}).status == e.status);
  }
  CHECK(Tool({"lint", security}).status == 0);  // the default threshold is error
  Run bad = Tool({"lint", "--fail-on", "warnings", security});
  CHECK(bad.status == kExitUsage);
  CHECK(Contains(bad.err, "--fail-on takes error, security-warning, warning or suggestion"));
}

TEST_CASE("cli: expand lists what a pattern matches and exits 1 when nothing", "[cli][lint]") {
  Run get = Tool({"expand", "s3:GetObjectT*"});
  CHECK(get.status == 0);
  CHECK(Contains(get.out, "s3:GetObjectTagging\n"));
  CHECK(Tool({"expand", "s3:GetObjekt*"}).status == 1);
}

}  // namespace
}  // namespace iameval::cli
