// File: engine/testing/json_location_test.cc
//
// Pins where the JSON layer says things are, against an independent oracle.
// Commit 2cc6fe6 stopped tracking line:column per byte: the tree builder now
// finds each token by skipping separators after the previous one and counts
// positions on from there eight bytes at a time (AdvancePositionTo), and
// syntax errors replay the old token-start rule (TokenStartBefore) only on
// failure. Each of those is a place where a column can drift: after
// multi-byte UTF-8 characters (a word holding continuation bytes), across
// CR LF versus a lone CR, inside long strings whose bytes span several words,
// and deep in nested values. Here random documents mixing all of that are
// generated with the byte offset of every value and member name recorded, and
// every node's line:column (and, for injected syntax errors, the finding's
// line:column) is compared with a plain code-point counter written here, not
// with the engine's Locate. A second part checks that a policy finding keeps
// its JSON path and location after the same hazards.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/iameval.h"
#include "json/json_tree.h"
#include "testing/choices.h"
#include "testing/parsed_json.h"

namespace iameval::testing {
namespace {

// A fixed sequence from a seed (testing/choices.h).
using Random = SeededChoices;

struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
};

// The oracle: CR LF, lone CR and LF each end a line; a column is a code
// point (a byte that is not a UTF-8 continuation byte).
Position OracleLocate(std::string_view text, size_t offset) {
  Position p;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      ++p.line;
      p.column = 1;
      if (i + 1 < offset && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

// Builds a random JSON document, remembering where each value (and each
// member name) starts, in document (pre-)order.
class DocumentWriter {
 public:
  explicit DocumentWriter(uint64_t seed) : random_(seed) {}

  struct Start {
    size_t value = 0;
    size_t key = SIZE_MAX;  // SIZE_MAX unless an object member
    bool literal_true = false;
  };

  std::string text;
  std::vector<Start> starts;

  void Document() {
    Space();
    Object(0, SIZE_MAX);
    Space();
  }

 private:
  void Space() {
    static const char* const kSpaces[] = {"",   "",         " ",      "\n",   "\r\n",   "\r",
                                          "\t", "  \r\n  ", "\r\r\n", "\n\r", " \r \n "};
    if (random_.Below(8) == 0) {
      // A long run, so line breaks fall anywhere in an eight-byte word and
      // CR LF pairs straddle words.
      static const char* const kRun[] = {" ", "\t", "\r", "\n", "\r\n", "        "};
      for (size_t n = random_.Below(40); n > 0; --n) text += kRun[random_.Below(6)];
      return;
    }
    text += kSpaces[random_.Below(sizeof kSpaces / sizeof kSpaces[0])];
  }

  // A string body: ASCII, escapes and 2-, 3- and 4-byte characters, some
  // long enough to span several eight-byte words.
  std::string Body() {
    static const char* const kPieces[] = {"a",
                                          "Z",
                                          "0",
                                          " ",
                                          "\xC3\xA9",
                                          "\xE2\x82\xAC",
                                          "\xF0\x9F\x98\x80",
                                          "\\n",
                                          "\\r",
                                          "\\\"",
                                          "\\\\",
                                          "\\u00e9",
                                          "{",
                                          "}",
                                          "[",
                                          "]",
                                          ",",
                                          ":",
                                          "\\/",
                                          "\xE4\xB8\xAD"};
    std::string body;
    size_t n = random_.Below(4) == 0 ? 20 + random_.Below(40) : random_.Below(6);
    for (size_t i = 0; i < n; ++i)
      body += kPieces[random_.Below(sizeof kPieces / sizeof kPieces[0])];
    return body;
  }

  void Value(int depth, size_t key_offset) {
    size_t kind = random_.Below(depth >= 6 ? 5 : 7);
    if (kind == 5) return Object(depth + 1, key_offset);
    if (kind == 6) return Array(depth + 1, key_offset);
    Start start;
    start.key = key_offset;
    start.value = text.size();
    switch (kind) {
      case 0:
        text += "\"" + Body() + "\"";
        break;
      case 1:
        text += random_.Below(2) ? "-12.5e+3" : "7";
        break;
      case 2:
        text += "true";
        start.literal_true = true;
        break;
      case 3:
        text += "false";
        break;
      default:
        text += "null";
        break;
    }
    starts.push_back(start);
  }

  void Object(int depth, size_t key_offset) {
    Start start;
    start.key = key_offset;
    start.value = text.size();
    starts.push_back(start);
    text += "{";
    size_t members = random_.Below(4);
    for (size_t i = 0; i < members; ++i) {
      if (i > 0) text += ",";
      Space();
      size_t key = text.size();
      text += "\"k" + std::to_string(i) + Body() + "\"";
      Space();
      text += ":";
      Space();
      Value(depth, key);
      Space();
    }
    text += "}";
  }

  void Array(int depth, size_t key_offset) {
    Start start;
    start.key = key_offset;
    start.value = text.size();
    starts.push_back(start);
    text += "[";
    size_t elements = random_.Below(4);
    for (size_t i = 0; i < elements; ++i) {
      if (i > 0) text += ",";
      Space();
      Value(depth, SIZE_MAX);
      Space();
    }
    text += "]";
  }

  Random random_;
};

void PreOrder(const internal::JsonDocument& doc, uint32_t node, std::vector<uint32_t>* out) {
  out->push_back(node);
  for (uint32_t c = doc.node(node).first_child; c != internal::kNoNode;
       c = doc.node(c).next_sibling) {
    PreOrder(doc, c, out);
  }
}

TEST_CASE("every node's line:column matches a code-point oracle on random documents",
          "[json][location]") {
  for (uint64_t seed = 1; seed <= 1500; ++seed) {
    DocumentWriter writer(seed);
    writer.Document();
    Parsed parsed = ParseText(writer.text);
    INFO("seed " << seed << ": " << writer.text);
    REQUIRE(parsed.ok);
    std::vector<uint32_t> order;
    PreOrder(parsed.doc, parsed.doc.root(), &order);
    REQUIRE(order.size() == writer.starts.size());
    for (size_t i = 0; i < order.size(); ++i) {
      const internal::JsonNode& node = parsed.doc.node(order[i]);
      const Position want = OracleLocate(writer.text, writer.starts[i].value);
      INFO("node " << i << " at byte " << writer.starts[i].value);
      REQUIRE(node.line == want.line);
      REQUIRE(node.column == want.column);
      if (writer.starts[i].key != SIZE_MAX) {
        const Position key = OracleLocate(writer.text, writer.starts[i].key);
        REQUIRE(node.key_line == key.line);
        REQUIRE(node.key_column == key.column);
      }
    }
  }
}

TEST_CASE("a syntax error injected anywhere is reported at the bad token's start",
          "[json][location]") {
  // Each document's first `true` becomes `tru`: RapidJSON stops inside the
  // literal, and the finding must name the token where it began.
  size_t injected = 0;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    DocumentWriter writer(seed);
    writer.Document();
    size_t at = SIZE_MAX;
    for (const auto& start : writer.starts) {
      if (start.literal_true) {
        at = start.value;
        break;
      }
    }
    if (at == SIZE_MAX) continue;
    ++injected;
    std::string text = writer.text;
    text.erase(at + 3, 1);  // "true" -> "tru"
    INFO("seed " << seed << ": " << text);
    Parsed parsed = ParseText(text);
    REQUIRE_FALSE(parsed.ok);
    REQUIRE(parsed.findings.size() == 1);
    const Position want = OracleLocate(text, at);
    CHECK(parsed.findings[0].message.find("`tru") != std::string::npos);
    REQUIRE(parsed.findings[0].line == want.line);
    REQUIRE(parsed.findings[0].column == want.column);
  }
  CHECK(injected > 500);
}

TEST_CASE("a truncated document reports the end of the text", "[json][location]") {
  // Cut inside the last string or after the last value: the parser runs out
  // of text, and the finding sits just past the last byte.
  for (uint64_t seed = 1; seed <= 800; ++seed) {
    DocumentWriter writer(seed);
    writer.Document();
    std::string text = writer.text;
    // Drop trailing whitespace and the closing brace.
    while (!text.empty() && text.back() != '}') text.pop_back();
    text.pop_back();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    if (text.empty() || text.back() == '\r' || text.back() == '\n') continue;
    INFO("seed " << seed << ": " << text);
    Parsed parsed = ParseText(text);
    REQUIRE_FALSE(parsed.ok);
    REQUIRE(parsed.findings.size() == 1);
    const Position want = OracleLocate(text, text.size());
    CHECK(parsed.findings[0].line == want.line);
    CHECK(parsed.findings[0].column == want.column);
  }
}

TEST_CASE("policy findings keep path and location after multi-byte text and CR",
          "[json][location]") {
  // A long Sid of 2-, 3- and 4-byte characters, lines ended by CR LF and a
  // lone CR, then a bad Effect: the finding must name Statement[1].Effect at
  // the value's first character.
  std::string long_sid;
  for (int i = 0; i < 37; ++i)
    long_sid += (i % 3 == 0) ? "\xC3\xA9" : (i % 3 == 1) ? "\xE2\x82\xAC" : "\xF0\x9F\x98\x80";
  const std::string text =
      "{\r\n  \"Version\": \"2012-10-17\",\r  \"Statement\": [\n"
      "    {\"Sid\": \"" +
      long_sid +
      "\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\r\n"
      "    {\"Sid\": \"x" +
      long_sid +
      "\",\r\"Effect\": \"Alow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\r\n"
      "  ]\r\n}";
  ParseResult result = Policy::Parse(text, PolicyKind::kIdentity);
  REQUIRE_FALSE(result.ok());
  const size_t value = text.find("\"Alow\"");
  const Position want = OracleLocate(text, value);
  bool found = false;
  for (const Finding& f : result.findings) {
    INFO(f.code << " " << f.path << " " << f.line << ":" << f.column << " " << f.message);
    if (f.path != "Statement[1].Effect") continue;
    found = true;
    CHECK(f.line == want.line);
    CHECK(f.column == want.column);
  }
  CHECK(found);
}

}  // namespace
}  // namespace iameval::testing
