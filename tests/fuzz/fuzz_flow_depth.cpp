// Differential: whenever flow_nesting_over() lets a text through at a limit, yaml-cpp's own
// parse of it never nests flow collections deeper than that limit. A text the scan lets through
// and yaml-cpp nests deeper is an under-count, through which a file of brackets could again make
// yaml-cpp queue its tokens without bound.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "check/flow_depth.hpp"
#include "load/source_text.hpp"

namespace {

constexpr std::size_t limit = 4;

// The nesting of flow collections that a bracket opens. yaml-cpp also reports a single-pair
// flow mapping for an implicit key inside a flow sequence (`[a: b]`, and every `[` it still
// takes for a possible key): those start where their key does, so a collection that does not
// start at its bracket does not count, nor does one around another starting at the same bracket.
class FlowDepth : public YAML::EventHandler {
 public:
  explicit FlowDepth(std::string_view text) : text_(text) {}
  std::size_t deepest = 0;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    open(style == YAML::EmitterStyle::Flow && opens(mark, '['), mark.pos);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    open(style == YAML::EmitterStyle::Flow && opens(mark, '{'), mark.pos);
  }
  void OnMapEnd() override { close(); }

 private:
  bool opens(const YAML::Mark& mark, char bracket) const {
    const auto at = static_cast<std::size_t>(mark.pos);
    return mark.pos >= 0 && at < text_.size() && text_[at] == bracket;
  }
  void open(bool flow, int pos) {
    // Two collections that start at one bracket are an implicit pair around a real one: the
    // bracket is counted once, for the inner (real) collection.
    if (flow && !opened_.empty() && opened_.back().pos == pos) opened_.back().counted = false;
    opened_.push_back({flow, pos});
    std::size_t depth = 0;
    for (const Opened& open : opened_) depth += open.counted;
    if (depth > deepest) deepest = depth;
  }
  void close() {
    if (!opened_.empty()) opened_.pop_back();
  }
  struct Opened {
    bool counted;
    int pos;
  };
  std::string_view text_;
  std::vector<Opened> opened_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // What the loader hands the scan and the parser: what check_source lets through, without a BOM.
  qingdan::detail::Diagnostics refused;
  const auto source = qingdan::detail::check_source(
      "fuzzed.yaml", std::string(reinterpret_cast<const char*>(data), size), refused);
  if (!source) return 0;
  const std::string text(source->text());
  if (qingdan::detail::flow_nesting_over(text, limit)) return 0;
  std::istringstream stream(text);
  FlowDepth depth(text);
  try {
    YAML::Parser parser(stream);
    // Some inputs make yaml-cpp report empty documents without end; qingdan reads one document
    // and stops at the start of a second.
    for (int document = 0; document < 2 && parser.HandleNextDocument(depth); ++document) {
    }
  } catch (const YAML::Exception&) {
  }
  if (depth.deepest > limit) std::abort();  // yaml-cpp nested deeper than the scan counted
  return 0;
}
