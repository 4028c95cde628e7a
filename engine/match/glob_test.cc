// File: engine/match/glob_test.cc
//
// The glob matcher against re2 as an oracle: every pattern and every text up
// to a small length over tiny alphabets (in the manner of re2's
// exhaustive*_test.cc), random longer inputs with segments past the 64-byte
// Shift-And limit, and hand-written edge cases. Glob::Matches and GlobMatch
// must agree with each other and with re2 on every input.

#include "match/glob.h"

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "testing/allocation_counter.h"
#include "testing/choices.h"
#include "testing/glob_regex.h"

namespace iameval::internal {

// glob.cc: how many candidate starts a direct scan verifies, at most, before
// it hands a segment of up to 64 bytes over to Shift-And.
extern size_t glob_direct_scan_verifications_for_testing;

namespace {

// The scanner configurations every input is matched under: the production
// one (short texts never leave the direct scan), Shift-And from the start,
// and a hand-over to Shift-And after one verified candidate.
constexpr size_t kScanModes[] = {static_cast<size_t>(-1), 0, 1};

const char* ScanModeName(size_t cap) {
  return cap == 0 ? " (Shift-And at once)" : cap == 1 ? " (hand-over after one candidate)" : "";
}

// Sets the verification cap while in scope.
class ScanMode {
 public:
  explicit ScanMode(size_t cap) : saved_(glob_direct_scan_verifications_for_testing) {
    glob_direct_scan_verifications_for_testing = cap;
  }
  ~ScanMode() { glob_direct_scan_verifications_for_testing = saved_; }

 private:
  size_t saved_;
};

// The anchored re2 equivalent of a glob: every byte escaped as \x{HH}, `*` as
// any run of bytes, `?` as one byte, the literal markers as the characters
// they stand for. Latin-1 makes one byte one character.
std::unique_ptr<RE2> GlobToRe2(std::string_view glob) {
  const std::string regex = testing::GlobToRegex(glob);
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(regex, options);
  REQUIRE(re->ok());
  return re;
}

// Every string of length 0..max_length over `alphabet`, shortest first.
std::vector<std::string> AllStrings(std::string_view alphabet, size_t max_length) {
  std::vector<std::string> out = {""};
  size_t level_begin = 0;
  for (size_t length = 1; length <= max_length; ++length) {
    const size_t level_end = out.size();
    for (size_t i = level_begin; i < level_end; ++i) {
      for (char c : alphabet) out.push_back(out[i] + c);
    }
    level_begin = level_end;
  }
  return out;
}

// Printable form of a pattern or text for failure messages.
std::string Show(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == kLiteralStar) {
      out += "<lit*>";
    } else if (c == kLiteralQuestion) {
      out += "<lit?>";
    } else {
      out += c;
    }
  }
  return "\"" + out + "\"";
}

// The scan modes that can matter for `pattern`: without two stars there is
// no middle segment to search, so the modes cannot differ.
std::vector<size_t> ScanModesFor(std::string_view pattern) {
  if (CountStars(pattern) < 2) return {kScanModes[0]};
  return std::vector<size_t>(std::begin(kScanModes), std::end(kScanModes));
}

// Reports one disagreement (the first few only).
void Report(const std::string& pattern, const std::string& text, bool expected, bool compiled,
            bool one_shot, size_t cap, size_t* reported) {
  if (++*reported > 10) return;
  UNSCOPED_INFO("pattern " << Show(pattern) << " text " << Show(text) << ": re2 " << expected
                           << ", Glob " << compiled << ", GlobMatch " << one_shot
                           << ScanModeName(cap));
}

// Matches `text` against `pattern` both ways in every scan mode; returns the
// number of results that differ from `expected`.
size_t Compare(const std::string& pattern, const std::string& text, bool expected,
               size_t* reported) {
  size_t disagreements = 0;
  const Glob glob(pattern);
  for (size_t cap : ScanModesFor(pattern)) {
    ScanMode mode(cap);
    const bool compiled = glob.Matches(text);
    const bool one_shot = GlobMatch(pattern, text);
    if (compiled == expected && one_shot == expected) continue;
    ++disagreements;
    Report(pattern, text, expected, compiled, one_shot, cap, reported);
  }
  return disagreements;
}

// Runs every pattern against every text, in every scan mode that matters;
// returns the number of disagreements. re2 runs once per pair.
size_t CompareAll(const std::vector<std::string>& patterns, const std::vector<std::string>& texts) {
  size_t disagreements = 0, reported = 0;
  std::vector<char> expected(texts.size());
  for (const std::string& pattern : patterns) {
    const Glob glob(pattern);
    const std::unique_ptr<RE2> re = GlobToRe2(pattern);
    for (size_t i = 0; i < texts.size(); ++i) expected[i] = RE2::FullMatch(texts[i], *re);
    for (size_t cap : ScanModesFor(pattern)) {
      ScanMode mode(cap);
      for (size_t i = 0; i < texts.size(); ++i) {
        const bool compiled = glob.Matches(texts[i]);
        const bool one_shot = GlobMatch(pattern, texts[i]);
        if (compiled == static_cast<bool>(expected[i]) && one_shot == compiled) continue;
        ++disagreements;
        Report(pattern, texts[i], expected[i], compiled, one_shot, cap, &reported);
      }
    }
  }
  return disagreements;
}

TEST_CASE(
    "glob agrees with re2 on all patterns up to 6 bytes over {a,b,*,?,/} "
    "and all texts up to 6 bytes over {a,b,/,*}",
    "[glob][exhaustive]") {
  const std::vector<std::string> patterns = AllStrings("ab*?/", 6);
  const std::vector<std::string> texts = AllStrings("ab/*", 6);
  REQUIRE(patterns.size() == 19531);  // 5^0 + ... + 5^6
  REQUIRE(texts.size() == 5461);      // 4^0 + ... + 4^6
  CHECK(CompareAll(patterns, texts) == 0);
}

TEST_CASE(
    "glob agrees with re2 on literal markers: patterns up to 5 bytes over "
    "{a,*,?,lit*,lit?}, texts up to 5 bytes over {a,*,?,the star marker byte}",
    "[glob][exhaustive]") {
  const std::string pattern_alphabet = {'a', '*', '?', kLiteralStar, kLiteralQuestion};
  // The raw marker byte in the text checks that a marker matches only the
  // character it stands for, not itself.
  const std::string text_alphabet = {'a', '*', '?', kLiteralStar};
  const std::vector<std::string> patterns = AllStrings(pattern_alphabet, 5);
  const std::vector<std::string> texts = AllStrings(text_alphabet, 5);
  REQUIRE(patterns.size() == 3906);
  REQUIRE(texts.size() == 1365);
  CHECK(CompareAll(patterns, texts) == 0);
}

// A fixed sequence from a seed (testing/choices.h).
using Random = testing::SeededChoices;

std::string RandomText(Random& random, size_t max_length) {
  static constexpr std::string_view kAlphabet = "aab/:*?";  // mostly `a`: many near-matches
  std::string text(random.Below(max_length + 1), 'a');
  for (char& c : text) c = kAlphabet[random.Below(kAlphabet.size())];
  return text;
}

// A pattern cut from `text` (so it often matches) with some bytes replaced by
// wildcards, stars inserted, and bytes mutated (so it often almost matches).
// `sparse` patterns get ten times fewer changes, hence segments over 64 bytes.
std::string PatternFromText(Random& random, const std::string& text, bool sparse) {
  std::string pattern;
  for (char c : text) {
    const size_t roll = random.Below(sparse ? 1000 : 100);
    if (roll < 4) {
      pattern += '*';  // the byte is dropped: a star swallows it
    } else if (roll < 8) {
      pattern += '?';
    } else if (roll < 10) {
      pattern += c == '*' ? kLiteralStar : c;
      pattern += '*';
    } else if (roll < 11) {
      pattern += 'b';  // a mutation
    } else if (roll < 12 && c == '*') {
      pattern += kLiteralStar;
    } else if (roll < 12 && c == '?') {
      pattern += kLiteralQuestion;
    } else if (c == '*') {
      // A copied `*` is a wildcard; sparse patterns keep it literal so their
      // segments grow long.
      pattern += sparse || random.OneIn(2) ? kLiteralStar : '*';
    } else {
      pattern += c;
    }
  }
  return pattern;
}

TEST_CASE("glob agrees with re2 on 4000 random longer patterns and texts", "[glob][random]") {
  Random random(20261128);
  size_t matches = 0, long_segments = 0, disagreements = 0, reported = 0;
  for (int i = 0; i < 4000; ++i) {
    // Lengths up to 300 give segments well past 64 bytes in both scan modes.
    const std::string text = RandomText(random, i % 4 == 0 ? 300 : 80);
    const bool sparse = random.OneIn(3);
    std::string pattern =
        PatternFromText(random, random.OneIn(3) ? RandomText(random, 80) : text, sparse);
    if (random.OneIn(5)) pattern = "*" + pattern;
    if (random.OneIn(5)) pattern += "*";
    size_t run = 0;
    for (char c : pattern) {
      run = c == '*' ? 0 : run + 1;
      if (run > 64) {
        ++long_segments;
        break;
      }
    }
    const std::unique_ptr<RE2> re = GlobToRe2(pattern);
    const bool expected = RE2::FullMatch(text, *re);
    matches += expected;
    disagreements += Compare(pattern, text, expected, &reported);
  }
  CHECK(disagreements == 0);
  // The generator must exercise both outcomes and the long-segment fallback.
  CHECK(matches > 400);
  CHECK(matches < 3600);
  CHECK(long_segments > 100);
}

// Every string of 0..max_length tokens, each token a whole UTF-8 character.
std::vector<std::string> AllTokenStrings(const std::vector<std::string>& tokens,
                                         size_t max_length) {
  std::vector<std::string> out = {""};
  size_t level_begin = 0;
  for (size_t length = 1; length <= max_length; ++length) {
    const size_t level_end = out.size();
    for (size_t i = level_begin; i < level_end; ++i) {
      for (const std::string& t : tokens) out.push_back(out[i] + t);
    }
    level_begin = level_end;
  }
  return out;
}

// The anchored re2 equivalent in UTF-8 mode, where `.` is one code point.
std::unique_ptr<RE2> GlobToRe2Utf8(std::string_view glob) {
  const std::string regex = testing::GlobToUtf8Regex(glob);
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(regex, options);
  REQUIRE(re->ok());
  return re;
}

TEST_CASE("`?` matches one character, not one byte, of a UTF-8 text", "[glob]") {
  // IAM User Guide, "IAM JSON policy elements: Resource": `?` is any single
  // character. Characters of 1, 2, 3 and 4 bytes (a, é, €, 😀).
  CHECK(GlobMatch("r?sum?", "r\u00e9sum\u00e9"));
  CHECK(Glob("r?sum?").Matches("r\u00e9sum\u00e9"));
  CHECK(Glob("arn:aws:s3:::b/??.txt").Matches("arn:aws:s3:::b/\u20ac\U0001F600.txt"));
  CHECK_FALSE(Glob("arn:aws:s3:::b/??.txt").Matches("arn:aws:s3:::b/\U0001F600.txt"));
  CHECK_FALSE(Glob("arn:aws:s3:::b/????.txt").Matches("arn:aws:s3:::b/\U0001F600.txt"));
  CHECK(Glob("*/?").Matches("a/\u00e9"));
  CHECK_FALSE(Glob("*/??").Matches("a/\u00e9"));
  CHECK(Glob("?*?").Matches("\U0001F600\u00e9"));
  CHECK(Glob("*?x?*").Matches("\u00e9\u00e9x\u00e9"));

  // Exhaustively against re2 in UTF-8 mode.
  const std::vector<std::string> pattern_tokens = {"a", "\u00e9", "\U0001F600", "/", "*", "?"};
  const std::vector<std::string> text_tokens = {"a", "\u00e9", "\u20ac", "\U0001F600"};
  const std::vector<std::string> patterns = AllTokenStrings(pattern_tokens, 4);
  const std::vector<std::string> texts = AllTokenStrings(text_tokens, 5);
  size_t disagreements = 0, matches = 0, reported = 0;
  std::vector<char> expected(texts.size());
  for (const std::string& pattern : patterns) {
    const Glob glob(pattern);
    const std::unique_ptr<RE2> re = GlobToRe2Utf8(pattern);
    for (size_t i = 0; i < texts.size(); ++i) {
      const bool want = RE2::FullMatch(texts[i], *re);
      matches += want;
      const bool compiled = glob.Matches(texts[i]);
      const bool one_shot = GlobMatch(pattern, texts[i]);
      if (compiled == want && one_shot == want) continue;
      ++disagreements;
      Report(pattern, texts[i], want, compiled, one_shot, kScanModes[0], &reported);
    }
  }
  CHECK(disagreements == 0);
  CHECK(matches > 1000);
}

TEST_CASE("glob edge cases", "[glob]") {
  // Empty pattern: only the empty text.
  CHECK(GlobMatch("", ""));
  CHECK_FALSE(GlobMatch("", "a"));
  CHECK(Glob("").Matches(""));
  CHECK_FALSE(Glob("").Matches("a"));
  CHECK_FALSE(Glob().Matches("a"));
  CHECK(Glob().Matches(""));

  // Empty text.
  CHECK(GlobMatch("*", ""));
  CHECK(GlobMatch("**", ""));
  CHECK_FALSE(GlobMatch("?", ""));
  CHECK_FALSE(GlobMatch("*?", ""));
  CHECK_FALSE(Glob("a*").Matches(""));

  // `**` is one star.
  CHECK(Glob("**").Matches("anything at all"));
  CHECK(Glob("a**b").Matches("ab"));
  CHECK(Glob("a**b").Matches("axxb"));
  CHECK_FALSE(Glob("a**b").Matches("axxba"));

  // Trailing and leading `?`.
  CHECK(Glob("ab?").Matches("abc"));
  CHECK_FALSE(Glob("ab?").Matches("ab"));
  CHECK_FALSE(Glob("ab?").Matches("abcd"));
  CHECK(Glob("*?").Matches("x"));
  CHECK(Glob("?*").Matches("x"));

  // `*` spans `/` and `:` (decisions.md §13).
  CHECK(GlobMatch("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1/2/test/3/object.jpg"));
  CHECK(GlobMatch("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B//test/object.jpg"));
  CHECK(GlobMatch("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1/test/"));
  CHECK_FALSE(GlobMatch("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1-test/object.jpg"));
  CHECK_FALSE(GlobMatch("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/test/object.jpg"));
  CHECK_FALSE(GlobMatch("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1/2/test.jpg"));
  CHECK(GlobMatch("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));

  // Case-sensitive.
  CHECK_FALSE(Glob("ABC").Matches("abc"));
  CHECK_FALSE(Glob("a*C").Matches("abc"));

  // A segment must not overlap the suffix: "ab*ba" needs 4 bytes at least.
  CHECK_FALSE(Glob("ab*ba").Matches("aba"));
  CHECK(Glob("ab*ba").Matches("abba"));
  CHECK_FALSE(Glob("a*bb*bb").Matches("abbb"));
  CHECK(Glob("a*bb*bb").Matches("abbbb"));
}

TEST_CASE("literal markers match only the character they stand for", "[glob]") {
  const std::string star_name = std::string("team-") + kLiteralStar;
  CHECK(Glob(star_name).Matches("team-*"));
  CHECK_FALSE(Glob(star_name).Matches("team-x"));
  CHECK_FALSE(Glob(star_name).Matches(std::string("team-") + kLiteralStar));
  CHECK(Glob(star_name).has_wildcards());  // not kExact: a caller must not compare bytes

  const std::string question = std::string("a") + kLiteralQuestion + "*";
  CHECK(GlobMatch(question, "a?"));
  CHECK(GlobMatch(question, "a?bc"));
  CHECK_FALSE(GlobMatch(question, "ab"));
  CHECK(Glob(question).Matches("a?bc"));
  CHECK_FALSE(Glob(question).Matches("ab"));
}

TEST_CASE("glob shapes", "[glob]") {
  CHECK(Glob("*").shape() == Glob::Shape::kAnything);
  CHECK(Glob("***").shape() == Glob::Shape::kAnything);
  CHECK(Glob("").shape() == Glob::Shape::kExact);
  CHECK(Glob("s3:getobject").shape() == Glob::Shape::kExact);
  CHECK_FALSE(Glob("s3:getobject").has_wildcards());
  CHECK(Glob("s3:get*").shape() == Glob::Shape::kPrefix);
  CHECK(Glob("s3:get**").shape() == Glob::Shape::kPrefix);
  CHECK(Glob("*object").shape() == Glob::Shape::kSuffix);
  CHECK(Glob("*obj*").shape() == Glob::Shape::kGeneral);
  CHECK(Glob("s3:?et*").shape() == Glob::Shape::kGeneral);
  CHECK(Glob("s3:?etobject").shape() == Glob::Shape::kGeneral);
  CHECK(Glob("a*b").shape() == Glob::Shape::kGeneral);
  CHECK(Glob(std::string("a") + kLiteralStar).shape() == Glob::Shape::kGeneral);
  CHECK(Glob("s3:get*").pattern() == "s3:get*");

  CHECK(Glob("s3:get*").Matches("s3:get"));
  CHECK(Glob("s3:get*").Matches("s3:getobject"));
  CHECK_FALSE(Glob("s3:get*").Matches("s3:ge"));
  CHECK(Glob("*object").Matches("object"));
  CHECK_FALSE(Glob("*object").Matches("objec"));
}

TEST_CASE("hostile patterns finish", "[glob]") {
  // a*a*...*a*b against a long run of `a`: exponential for a backtracking
  // matcher, linear here. Only finishing is asserted, not the time.
  std::string pattern = "a";
  for (int i = 0; i < 60; ++i) pattern += "*a";
  pattern += "*b";
  const std::string text(100000, 'a');
  CHECK_FALSE(Glob(pattern).Matches(text));
  CHECK_FALSE(GlobMatch(pattern, text));
  CHECK(Glob(pattern).Matches(text + "b"));

  // The same with `?` (Shift-And with wildcard positions).
  std::string questions = "?";
  for (int i = 0; i < 60; ++i) questions += "*a?a";
  questions += "*b";
  CHECK_FALSE(Glob(questions).Matches(text));

  // The direct scan's worst case, "aaa...ab" at every start of "aaa...a":
  // the budget runs out and Shift-And finishes in one pass.
  const std::string near_misses = "*" + std::string(63, 'a') + "b*";
  CHECK_FALSE(Glob(near_misses).Matches(std::string(200000, 'a')));
  CHECK(Glob(near_misses).Matches(std::string(200000, 'a') + "b"));

  // A middle segment past the Shift-And limit: the direct-scan fallback.
  const std::string long_segment = "*" + std::string(100, 'a') + "b*";
  CHECK_FALSE(Glob(long_segment).Matches(std::string(20000, 'a')));
  CHECK(Glob(long_segment).Matches(std::string(20000, 'a') + "b"));
}

TEST_CASE("matching never allocates", "[glob]") {
  const std::string long_middle = "*" + std::string(80, 'a') + "*";
  const std::vector<Glob> globs = {Glob("*"),
                                   Glob("s3:getobject"),
                                   Glob("s3:get*"),
                                   Glob("*object"),
                                   Glob("arn:aws:s3:::*/public/*"),
                                   Glob("s3:?et*ob?ect"),
                                   Glob(long_middle)};
  const std::string text = "arn:aws:s3:::bucket/public/" + std::string(200, 'a');
  size_t matches = 0;
  const size_t allocations = testing::AllocationsDuring([&] {
    for (const Glob& glob : globs) {
      matches += glob.Matches(text);
      matches += glob.Matches("s3:getobject");
      matches += GlobMatch(glob.pattern(), text);
    }
  });
  CHECK(allocations == 0);
  CHECK(matches > 0);
}

TEST_CASE("CountStars counts wildcard stars only", "[glob]") {
  CHECK(CountStars("") == 0);
  CHECK(CountStars("abc") == 0);
  CHECK(CountStars("*") == 1);
  CHECK(CountStars("a*b*?*") == 3);
  CHECK(CountStars(std::string("a") + kLiteralStar) == 0);
}

TEST_CASE("An empty pattern whose view holds a null pointer", "[glob]") {
  // lint_fuzz: `"Resource": ""` reached GlobMatch with string_view() and passed
  // its null data to memchr (undefined behaviour, caught by UBSan in make test).
  CHECK(GlobMatch(std::string_view(), std::string_view()));
  CHECK_FALSE(GlobMatch(std::string_view(), "arn:aws:s3:::b/\u00e9"));
  CHECK_FALSE(GlobMatch(std::string_view(), "x"));
  CHECK(Glob(std::string()).Matches(std::string_view()));
}

}  // namespace
}  // namespace iameval::internal
