// Lint diagnostics as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format).
#include <set>

#include <boost/json.hpp>

#include <qingdan/detail/codes.hpp>
#include <qingdan/json.hpp>
#include <qingdan/version.hpp>

#include "render/json_values.hpp"

namespace qingdan {

namespace json = boost::json;

std::string to_sarif(const LintReport& report, Language language) {
  std::set<std::string> used;
  json::array results;
  for (const Diagnostic& diagnostic : report.diagnostics) {
    used.insert(diagnostic.code);
    json::object location;
    if (!diagnostic.file.empty()) {
      json::object physical{{"artifactLocation", json::object{{"uri", diagnostic.file}}}};
      if (diagnostic.line > 0) {
        json::object region{{"startLine", diagnostic.line}};
        if (diagnostic.column > 0) region["startColumn"] = diagnostic.column;
        physical["region"] = std::move(region);
      }
      location["physicalLocation"] = std::move(physical);
    }
    json::object result{{"ruleId", diagnostic.code},
                        {"level", to_string(diagnostic.severity)},
                        {"message", json::object{{"text", diagnostic.message_in(language)}}}};
    if (!location.empty()) result["locations"] = json::array{std::move(location)};
    results.push_back(std::move(result));
  }
  json::array rules;
  for (const std::string& code : used) {
    json::object rule{{"id", code}};
    if (const detail::CodeRow* row = detail::find_code(code)) {
      rule["name"] = row->name;
      rule["shortDescription"] = json::object{{"text", row->summary}};
    }
    rules.push_back(std::move(rule));
  }
  json::object run{{"tool", json::object{{"driver", json::object{{"name", "qingdan"},
                                                                 {"version", qingdan::version},
                                                                 {"rules", std::move(rules)}}}}},
                   {"columnKind", "unicodeCodePoints"},
                   {"properties", json::object{{"fingerprint", report.fingerprint}}},
                   {"results", std::move(results)}};
  json::object document{{"version", "2.1.0"}, {"runs", json::array{std::move(run)}}};
  return detail::json_document(std::move(document));
}

}  // namespace qingdan
