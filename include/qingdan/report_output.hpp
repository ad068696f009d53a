#pragma once

#include <filesystem>
#include <string>

#include <qingdan/language.hpp>
#include <qingdan/ledger.hpp>
#include <qingdan/report.hpp>

namespace qingdan {

struct TextOptions {
  // Every village's findings; by default those of the most loaded villages and, for the rest,
  // how many each jurisdiction above them holds.
  bool every_village = false;
};

// The report for people, in `language`: grouped by directive and item, most severe first, then
// the villages, then the verdict.
std::string to_text(const Report& report, Language language = Language::en,
                    const TextOptions& options = {});

// One self-contained HTML page (no network, scripts or fonts from outside): the verdict, the
// findings (filterable by severity) and inline SVG charts of village utilisation, the most
// loaded villages and the hours each item adds. Every text from the files checked is escaped,
// and the page's Content-Security-Policy forbids script and anything fetched.
std::string to_html(const Report& report, Language language = Language::en);
// Throws qingdan::Error (QU002) when the file cannot be written.
void write_html(const Report& report, const std::filesystem::path& file,
                Language language = Language::en);

// The year's ledger (`qingdan ledger`): each village, each issuing department and all villages
// together, this year beside the year before, what grew marked. The HTML page charts the hours a
// month of both years and the measures that grew, with the same guarantees as the report's.
std::string to_text(const LedgerReport& ledger, Language language = Language::en);
std::string to_html(const LedgerReport& ledger, Language language = Language::en);
void write_html(const LedgerReport& ledger, const std::filesystem::path& file,
                Language language = Language::en);

}  // namespace qingdan
