// File: engine/condition/variables_test.cc
//
// Policy variables: the `${...}` grammar and its errors, escapes, defaults,
// literal substitution in glob form, unresolved and multivalued keys, and
// the 2008-10-17 rule that everything is literal.

#include "condition/variables.h"

#include <catch2/catch.hpp>
#include <string>

#include "match/glob.h"

namespace iameval::internal {
namespace {

Template Parsed(std::string_view text, bool variables_enabled = true) {
  Template parsed;
  std::string code, message;
  INFO(text);
  REQUIRE(Template::Parse(text, variables_enabled, &parsed, &code, &message));
  return parsed;
}

// The message of the `invalid-variable` error `text` must produce.
std::string ParseError(std::string_view text) {
  Template parsed;
  std::string code, message;
  INFO(text);
  REQUIRE_FALSE(Template::Parse(text, true, &parsed, &code, &message));
  CHECK(code == "invalid-variable");
  return message;
}

// A decision's view of `request`, for rendering.
struct Rendering {
  Request request;
  Caller caller;

  // Renders `text`; "<unresolved>" when Render returns false.
  std::string Render(std::string_view text, bool for_glob = false) const {
    EvalContext context(request, caller, "");
    RenderBuffer buffer;
    if (!Parsed(text).Render(context, for_glob, &buffer)) return "<unresolved>";
    return std::string(buffer.view());
  }
};

TEST_CASE("Template parses literal text and variables", "[variables]") {
  Template plain = Parsed("arn:aws:s3:::bucket/*");
  CHECK_FALSE(plain.has_variables());
  CHECK(plain.StaticText(false) == "arn:aws:s3:::bucket/*");
  CHECK(plain.StaticText(true) == "arn:aws:s3:::bucket/*");
  CHECK(Parsed("").StaticText(false).empty());
  CHECK(Parsed("cost $5 or $").StaticText(false) == "cost $5 or $");

  Template with = Parsed("home/${aws:username}/${AWS:PrincipalTag/Team, 'none'}/*");
  CHECK(with.has_variables());
  CHECK(with.variable_names() == std::vector<std::string>{"aws:username", "aws:principaltag/team"});
}

TEST_CASE("Template's fixed prefix is what every rendering starts with", "[variables]") {
  // The prefix is a view into the template: keep each one alive.
  auto fixed_prefix = [](std::string_view text) {
    const Template parsed = Parsed(text);
    return std::string(parsed.FixedPrefix());
  };
  CHECK(fixed_prefix("arn:aws:s3:::home/${aws:username}/*") == "arn:aws:s3:::home/");
  // A wildcard ends it: a rendering matches many texts from there on.
  CHECK(fixed_prefix("arn:aws:s3:::*/${aws:username}") == "arn:aws:s3:::");
  CHECK(fixed_prefix("arn:aws:s3:::bucket-?/${aws:username}") == "arn:aws:s3:::bucket-");
  // An escape or a variable first: nothing is fixed.
  CHECK(fixed_prefix("${*}/${aws:username}").empty());
  CHECK(fixed_prefix("${aws:username}/home").empty());
  CHECK(fixed_prefix("").empty());
  // Every rendering of the template starts with its fixed prefix.
  Rendering rendering;
  rendering.request.context.Set("aws:username", "a*b");
  for (const char* text : {"arn:aws:s3:::home/${aws:username}/*", "x?${aws:username}",
                           "literal-${aws:username}-${aws:missing, 'd'}"}) {
    const std::string rendered = rendering.Render(text, /*for_glob=*/true);
    const Template parsed = Parsed(text);
    const std::string_view prefix = parsed.FixedPrefix();
    INFO(text << " -> " << rendered);
    CHECK(std::string_view(rendered).substr(0, prefix.size()) == prefix);
  }
}

TEST_CASE("Template escapes stay literal in glob form", "[variables]") {
  Template escapes = Parsed("a${*}b${?}c${$}d*e?");
  CHECK_FALSE(escapes.has_variables());
  CHECK(escapes.StaticText(false) == "a*b?c$d*e?");
  std::string expected = "a";
  expected += kLiteralStar;
  expected += "b";
  expected += kLiteralQuestion;
  expected += "c$d*e?";
  CHECK(escapes.StaticText(true) == expected);
}

TEST_CASE("Template reports malformed variables precisely", "[variables]") {
  CHECK(ParseError("home/${aws:username") == "policy variable `${aws:username` has no closing `}`");
  CHECK(ParseError("${}") == "empty policy variable `${}`");
  CHECK(ParseError("${aws: username}") ==
        "policy variable `${aws: username}` has a space in its name");
  CHECK(ParseError("${ aws:username}") ==
        "policy variable `${ aws:username}` has a space in its name");
  CHECK(ParseError("${aws:username }") ==
        "policy variable `${aws:username }` has a space in its name");
  CHECK(ParseError("${aws:username, bob}") ==
        "the default in `${aws:username, bob}` must be in single quotes");
  CHECK(ParseError("${aws:username, \"bob\"}") ==
        "the default in `${aws:username, \"bob\"}` must be in single quotes");
  CHECK(ParseError("${aws:username, 'bob}") ==
        "the default in `${aws:username, 'bob}` has no closing `'`");
  CHECK(ParseError("${aws:username, 'bob' }") ==
        "expected `}` after the default in `${aws:username, 'bob' }`");
  CHECK(ParseError("${aws:username,}") ==
        "the default in `${aws:username,}` must be in single quotes");
  CHECK(ParseError("${username}") == "policy variable `${username}` must name a `prefix:name` key");
  CHECK(ParseError("${:username}") ==
        "policy variable `${:username}` must name a `prefix:name` key");
  CHECK(ParseError("${aws:}") == "policy variable `${aws:}` must name a `prefix:name` key");
  CHECK(ParseError("${*, 'x'}") == "the escape `${*}` takes no default");
  CHECK(ParseError("${aws:${aws:username}}") ==
        "policy variable `${aws:${aws:username}` has `$` in its name");
  // Control characters are escaped, so every message is one line (issue #12
  // point 7: policy_parse_fuzz found a two-line message here).
  CHECK(ParseError("${aws:us\narem}") ==
        "policy variable `${aws:us\\u000aarem}` has a space in its name");
  CHECK(ParseError("${aws:us\x01, 'x}") ==
        "the default in `${aws:us\\u0001, 'x}` has no closing `'`");
}

TEST_CASE("a variable's message stays on one line and never cuts a character", "[variables]") {
  // policy_decide fuzzing found `"${aws:us\narem}"` in a StringEquals value: the
  // message quoted the line break and spanned two lines.
  CHECK(ParseError("${aws:user\nname}") ==
        "policy variable `${aws:user\\u000aname}` has a space in its name");
  CHECK(ParseError("${aws:us\narem") == "policy variable `${aws:us\\u000aarem` has no closing `}`");
  // A long variable is cut after 80 characters, never inside one.
  std::string long_name = "${aws:" + std::string(73, 'x') + "\xc3\xa9\xc3\xa9 }";
  std::string message = ParseError(long_name);
  CHECK(message.find("\xc3\xa9...`") != std::string::npos);
}

TEST_CASE("Template default grammar", "[variables]") {
  Rendering r;
  CHECK(r.Render("${aws:PrincipalTag/team, 'company-wide'}") == "company-wide");
  CHECK(r.Render("${aws:PrincipalTag/team,'x'}") == "x");
  CHECK(r.Render("${aws:PrincipalTag/team ,  'x'}") == "x");
  CHECK(r.Render("${aws:PrincipalTag/team, ''}") == "");
  CHECK(r.Render("${aws:PrincipalTag/team, 'a}b, c'}!") == "a}b, c!");
  CHECK(r.Render("${aws:PrincipalTag/team, 'a b'}") == "a b");
}

TEST_CASE("Template renders request values", "[variables]") {
  Rendering r;
  r.request.context.Set("aws:username", "alice")
      .Set("aws:PrincipalTag/Team", "blue")
      .Set("aws:MultiFactorAuthPresent", true)
      .Set("aws:MultiFactorAuthAge", 300)
      .Set("aws:PrincipalTag/empty", "")
      .SetList("aws:TagKeys", {"a"});
  CHECK(r.Render("home/${aws:username}/") == "home/alice/");
  CHECK(r.Render("${AWS:USERNAME}") == "alice");  // key names ignore case
  CHECK(r.Render("${aws:principaltag/team}-${aws:username}") == "blue-alice");
  CHECK(r.Render("${aws:PrincipalTag/team, 'none'}") == "blue");  // the value wins
  CHECK(r.Render("${aws:MultiFactorAuthPresent}") == "true");
  CHECK(r.Render("${aws:MultiFactorAuthAge}") == "300");
  CHECK(r.Render("x${aws:PrincipalTag/empty}y") == "xy");
  // Unresolved, with and without a default.
  CHECK(r.Render("home/${aws:SourceIdentity}") == "<unresolved>");
  CHECK(r.Render("home/${aws:SourceIdentity, 'anon'}") == "home/anon");
  // Multivalued keys resolve to no value (decisions.md §33).
  CHECK(r.Render("${aws:TagKeys}") == "<unresolved>");
  CHECK(r.Render("${aws:TagKeys, 'd'}") == "d");
}

TEST_CASE("Substituted text is literal in glob form", "[variables]") {
  Rendering r;
  r.request.context.Set("aws:username", "a*b?c");
  std::string expected = "home/a";
  expected += kLiteralStar;
  expected += "b";
  expected += kLiteralQuestion;
  expected += "c/*";
  CHECK(r.Render("home/${aws:username}/*", true) == expected);
  CHECK(r.Render("home/${aws:username}/*", false) == "home/a*b?c/*");
  std::string with_default = "";
  with_default += kLiteralStar;
  CHECK(r.Render("${aws:PrincipalTag/x, '*'}", true) == with_default);
  CHECK(r.Render("${aws:PrincipalTag/x, '*'}", false) == "*");
}

TEST_CASE("Without Version 2012-10-17 everything is literal", "[variables]") {
  Template old = Parsed("home/${aws:username}/${*}/*", false);
  CHECK_FALSE(old.has_variables());
  CHECK(old.variable_names().empty());
  CHECK(old.StaticText(false) == "home/${aws:username}/${*}/*");
  CHECK(old.StaticText(true) == "home/${aws:username}/${*}/*");
  // Malformed variables are not errors there: it is all text.
  Parsed("${aws:username", false);
  Parsed("${}", false);
}

TEST_CASE("RenderBuffer spills to the heap only when the inline array is full", "[variables]") {
  RenderBuffer buffer;
  buffer.Clear();
  buffer.Append("abc");
  buffer.Append('d');
  CHECK(buffer.view() == "abcd");
  std::string long_text(2000, 'x');
  buffer.Append(long_text);
  CHECK(buffer.view() == "abcd" + long_text);
  buffer.Clear();
  CHECK(buffer.view().empty());
  buffer.Append("again");
  CHECK(buffer.view() == "again");
}

TEST_CASE("Rendering a long value still works", "[variables]") {
  Rendering r;
  std::string value(3000, 'v');
  r.request.context.Set("aws:username", value);
  CHECK(r.Render("pre/${aws:username}/post") == "pre/" + value + "/post");
}

}  // namespace
}  // namespace iameval::internal
