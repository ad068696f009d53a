#pragma once

// The only way anything reaches the HTML report. The page's own tags, attribute names and style
// sheet are Markup, which can be made only from a string literal or a constexpr string_view: no
// string read at run time (an id, a title, a message) can be written as markup. Everything else
// goes through text() or an attribute value, which are always escaped.
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace qingdan::detail {

// Markup the report's template spells out. The constructors are consteval, so the text is known
// when the program is compiled; a template that needs no script cannot spell one either.
class Markup {
 public:
  consteval Markup(const char* text) : text_(checked(text)) {}
  consteval Markup(std::string_view text) : text_(checked(text)) {}

  constexpr std::string_view view() const { return text_; }

 private:
  static consteval std::string_view checked(std::string_view text) {
    for (std::string_view forbidden : {"<script", "javascript:"})
      for (std::size_t at = 0; at + forbidden.size() <= text.size(); ++at) {
        bool same = true;  // compared without case, as a browser reads them
        for (std::size_t i = 0; i < forbidden.size() && same; ++i) {
          char c = text[at + i];
          same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == forbidden[i];
        }
        if (same) throw "the report's template must not contain script";  // a compile error
      }
    return text;
  }

  std::string_view text_;
};

// An attribute: a name of the template, and a value that is escaped when written.
struct Attribute {
  Markup name;
  std::string_view value;
};

// Text made safe for HTML text and for double- or single-quoted attribute values: & < > " ' as
// entities, and the line and paragraph separators U+2028 and U+2029 too, which end a line in
// script and JSON contexts.
inline void append_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\xE2':
        if (i + 2 < text.size() && text[i + 1] == '\x80' &&
            (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
          out += text[i + 2] == '\xA8' ? "&#x2028;" : "&#x2029;";
          i += 2;
          break;
        }
        out += c;
        break;
      default: out += c;
    }
  }
}

// Whether a URL is safe to follow from the report: a fragment, a relative reference, or one of
// the schemes http, https and mailto. Browsers ignore ASCII whitespace and control characters
// inside a scheme ("java\tscript:") and compare it without case, and so does this.
inline bool is_safe_url(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    if (c == ':') {
      return scheme == "http" || scheme == "https" || scheme == "mailto";
    }
    if (c == '/' || c == '?' || c == '#') return true;  // no scheme: a relative reference
    if (static_cast<unsigned char>(c) <= 0x20) continue;
    scheme += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return true;
}

// Attributes whose value a browser follows as a URL.
constexpr bool is_url_attribute(std::string_view name) {
  for (std::string_view url : {"href", "src", "xlink:href", "action", "formaction", "poster",
                               "cite", "background", "srcset"})
    if (name == url) return true;
  return false;
}

class Html {
 public:
  // The template's own markup, as written.
  Html& markup(Markup trusted) {
    page_ += trusted.view();
    return *this;
  }

  // Text from anywhere: escaped.
  Html& text(std::string_view text) {
    append_escaped(page_, text);
    return *this;
  }

  // <tag name="value" …>, every value escaped; a URL that is not safe becomes "#".
  Html& open(Markup tag, std::initializer_list<Attribute> attributes = {}) {
    start_tag(tag, attributes);
    page_ += '>';
    return *this;
  }

  // <tag name="value" …/>, for SVG elements with no content.
  Html& empty(Markup tag, std::initializer_list<Attribute> attributes = {}) {
    start_tag(tag, attributes);
    page_ += "/>";
    return *this;
  }

  Html& close(Markup tag) {
    page_ += "</";
    page_ += tag.view();
    page_ += '>';
    return *this;
  }

  // <tag …>text</tag>
  Html& element(Markup tag, std::initializer_list<Attribute> attributes, std::string_view text) {
    return open(tag, attributes).text(text).close(tag);
  }

  std::string page() && { return std::move(page_); }

 private:
  void start_tag(Markup tag, std::initializer_list<Attribute> attributes) {
    page_ += '<';
    page_ += tag.view();
    for (const Attribute& attribute : attributes) {
      page_ += ' ';
      page_ += attribute.name.view();
      page_ += "=\"";
      bool url = is_url_attribute(attribute.name.view());
      append_escaped(page_, url && !is_safe_url(attribute.value) ? "#" : attribute.value);
      page_ += '"';
    }
  }

  std::string page_;
};

}  // namespace qingdan::detail
