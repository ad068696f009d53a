#pragma once

// What every HTML page qingdan writes shares: the style sheet, a policy that allows no script,
// and the pieces of its inline SVG charts. Everything goes through Html, which escapes text.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include <qingdan/language.hpp>

#include <qingdan/error.hpp>

#include "render/html_writer.hpp"
#include "render/output_file.hpp"
#include "render/wording.hpp"

namespace qingdan::detail {

inline std::string number(double value, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

inline void svg_text(Html& html, double x, double y, std::string_view text,
                     std::string_view anchor = "start", std::string_view css_class = {}) {
  const std::string left = number(x), top = number(y);
  if (css_class.empty())
    html.open("text", {{"x", left}, {"y", top}, {"text-anchor", anchor}});
  else
    html.open("text", {{"class", css_class}, {"x", left}, {"y", top}, {"text-anchor", anchor}});
  html.text(text).close("text");
}

inline void svg_rect(Html& html, double x, double y, double width, double height,
                     std::string_view css_class, std::string_view tooltip) {
  html.open("rect", {{"class", css_class},
                     {"x", number(x)},
                     {"y", number(y)},
                     {"width", number(std::max(width, 0.0))},
                     {"height", number(height)}})
      .element("title", {}, tooltip)
      .close("rect");
}

inline void svg_line(Html& html, double x1, double y1, double x2, double y2,
                     std::string_view css_class) {
  html.empty("line", {{"class", css_class},
                      {"x1", number(x1)},
                      {"y1", number(y1)},
                      {"x2", number(x2)},
                      {"y2", number(y2)}});
}

inline void open_svg(Html& html, std::string_view id, double width, double height,
                     std::string_view label) {
  html.open("svg", {{"id", id},
                    {"class", "chart"},
                    {"viewBox", "0 0 " + number(width, 0) + " " + number(height, 0)},
                    {"role", "img"},
                    {"aria-label", label}});
}

inline constexpr std::string_view page_style = R"(
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
.verdict{display:inline-block;padding:.3em .8em;border-radius:4px;color:#fff;font-weight:bold}
.verdict.pass{background:#2e7d32}.verdict.review{background:#ef6c00}.verdict.reject{background:#c62828}
table{border-collapse:collapse;width:100%;font-size:.92em}td,th{border-bottom:1px solid #e4e4e4;padding:.35em .5em;text-align:left;vertical-align:top}
tr.error td:first-child{color:#c62828;font-weight:bold}tr.warning td:first-child{color:#ef6c00;font-weight:bold}
.filters input{margin-left:1em}
#show-errors:checked~table tr.warning{display:none}#show-warnings:checked~table tr.error{display:none}
svg.chart{width:100%;height:auto;font-size:12px}.bar{fill:#90a4ae}.bar.near{fill:#ffb74d}.bar.over{fill:#e57373}
.bar.baseline{fill:#b0bec5}.bar.added{fill:#ffa726}.bar.added.over{fill:#e53935}
.axis{stroke:#555}.capacity-line{stroke:#c62828;stroke-width:2}.warn-line{stroke:#ef6c00;stroke-dasharray:4 3;stroke-width:2}
.capacity-label{fill:#c62828}.swatch-baseline{fill:#b0bec5}.swatch-added{fill:#ffa726}.swatch-capacity{fill:#c62828;font-weight:bold}.warn-label{fill:#ef6c00}.legend{fill:#555}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#666}
small{color:#777}
tr.reading.read_as td:nth-child(3){color:#2e7d32}tr.reading.candidates td:nth-child(3){color:#ef6c00}
td.grew{color:#c62828;font-weight:bold}.bar.previous{fill:#b0bec5}.bar.current{fill:#ffa726}.swatch-previous{fill:#b0bec5}.swatch-current{fill:#ffa726}
)";

// The page needs no script, so its policy allows none, nor anything fetched from anywhere: only
// the inline style sheet and data: images.
inline constexpr std::string_view content_security_policy =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "script-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'\">";

// The page up to its heading: its language, policy, style sheet and title.
inline void open_page(Html& html, Language language, std::string_view title) {
  if (language == Language::zh)
    html.markup("<!DOCTYPE html>\n<html lang=\"zh-CN\">");
  else
    html.markup("<!DOCTYPE html>\n<html lang=\"en\">");
  html.markup("<head><meta charset=\"utf-8\">")
      .markup(content_security_policy)
      .markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
      .text(title)
      .markup("</title><style>")
      .markup(page_style)
      .markup("</style></head><body>")
      .element("h1", {}, title);
}

// The rulebook's fingerprint at the foot, and the page.
inline std::string close_page(Html&& html, Language language, std::string_view fingerprint) {
  html.markup("<p>")
      .element("small", {},
               std::string(render::in(language, "rulebook fingerprint ", "规则库指纹 ")) +
                   std::string(fingerprint))
      .markup("</p></body></html>\n");
  return std::move(html).page();
}

// Replaces `file` with the page whole; QU002 when it cannot.
inline void write_page(const std::filesystem::path& file, const std::string& page) {
  if (auto reason = replace_regular_file(file, page))
    throw positioned_error(
        file.generic_string(), 0, 0, Code::cannot_write_html,
        Phrase(Message::cannot_write_html_because, {{"reason", std::move(*reason)}}));
}

}  // namespace qingdan::detail
