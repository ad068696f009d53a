#include <qingdan/detail/codes.hpp>

#include <algorithm>
#include <array>
#include <cstddef>

#include <qingdan/error.hpp>

namespace qingdan::detail {
namespace {

using enum CodeSeverity;

// In the order of Code. rules/README.md and README.md give an example of each; a unit test
// holds them to this table.
constexpr std::array<CodeRow, static_cast<std::size_t>(Code::count)> rows{{
    {Code::cannot_read, "QL001", "cannot-read", error, "cannot read", "无法读取",
     "A file or folder cannot be read"},
    {Code::file_too_large, "QL002", "file-too-large", error, "file too large", "文件过大",
     "File over the size limit"},
    {Code::not_utf8, "QL003", "not-utf8", error, "not UTF-8", "不是 UTF-8 文本",
     "Not UTF-8 text (invalid bytes, GBK, UTF-16, NUL), or a rule file name that is not UTF-8"},
    {Code::invalid_yaml, "QL004", "invalid-yaml", error, "invalid YAML", "YAML 格式错误",
     "Invalid YAML, or a key that is not text"},
    {Code::too_deep, "QL005", "too-deep", error, "nested too deep", "嵌套过深",
     "Nesting deeper than the limit"},
    {Code::aliases_repeat, "QL006", "aliases-repeat", error, "aliases repeat too much",
     "别名展开过多", "Aliases repeat too much or contain themselves"},
    {Code::empty_file, "QL007", "empty-file", error, "empty file", "空文件", "Empty file"},
    {Code::second_document, "QL008", "second-document", error, "second document", "多个 YAML 文档",
     "More than one YAML document"},
    {Code::duplicate_key, "QL009", "duplicate-key", error, "duplicate key", "重复的键",
     "A key given twice in one mapping"},
    {Code::rulebook_file_count, "QL010", "rulebook-file-count", error, "no rulebook file, or two",
     "缺少或多出 rulebook 文件", "No file of kind rulebook, or two"},
    {Code::unsupported_version, "QL011", "unsupported-version", error, "unsupported format version",
     "不支持的格式版本", "Unsupported format version"},
    {Code::unknown_kind, "QL012", "unknown-kind", either, "unknown kind", "未知的文件种类",
     "Unknown kind (an error), or a directive or villages file in a rulebook folder (a warning)"},
    {Code::text_too_long, "QL013", "text-too-long", error, "text too long", "文本过长",
     "A text value over the limit"},
    {Code::bad_symbolic_link, "QL014", "bad-symbolic-link", either, "bad symbolic link",
     "符号链接有误",
     "A symbolic link that leaves the folder or loops (an error), or is broken (a warning)"},
    {Code::not_a_rulebook, "QL015", "not-a-rulebook", error, "not a rulebook", "不是规则集",
     "Not a rulebook folder or snapshot, no such folder, or too many files"},
    {Code::snapshot_other_format, "QL016", "snapshot-other-format", error,
     "snapshot of another format", "快照格式版本不符", "A snapshot of another format version"},
    {Code::snapshot_damaged, "QL017", "snapshot-damaged", error, "damaged snapshot", "快照已损坏",
     "A snapshot that is truncated, damaged or inconsistent"},
    {Code::too_many_problems, "QL018", "too-many-problems", either, "too many problems", "问题过多",
     "More problems than are listed: errors (an error) or warnings (a warning)"},
    {Code::typing_slip, "QL019", "typing-slip", error, "full-width or tab character",
     "全角字符或制表符",
     "A full-width colon, comma or dash, a full-width space or a tab where YAML needs ASCII"},
    {Code::wrong_type, "QL100", "wrong-type", error, "wrong type or value", "类型或取值错误",
     "Wrong type, empty value, a number above its maximum, or a control character in a name or "
     "text"},
    {Code::missing_key, "QL101", "missing-key", error, "missing key", "缺少必填的键",
     "Missing required key"},
    {Code::unknown_key, "QL102", "unknown-key", error, "unknown key", "未知的键",
     "Unknown key, or a key of another list"},
    {Code::bad_date, "QL103", "bad-date", error, "bad date", "日期有误", "Bad date"},
    {Code::task_and_category, "QL104", "task-and-category", error, "task and category",
     "同时给出事项与类别", "An entry with both task and category"},
    {Code::not_a_choice, "QL105", "not-a-choice", error, "not one of the choices", "不在可选值之内",
     "A value outside its choices"},
    {Code::duplicate_task_id, "QL200", "duplicate-task-id", error, "duplicate task id",
     "事项编号重复", "Duplicate task id"},
    {Code::task_texts_clash, "QL201", "task-texts-clash", error, "task names read the same",
     "事项名称归一后相同", "Task names or aliases that read the same once normalised"},
    {Code::unknown_task, "QL202", "unknown-task", error, "task not in the catalogue",
     "事项不在目录中", "An entry names a task that is not in the catalogue"},
    {Code::unknown_level, "QL203", "unknown-level", error, "unknown level", "未知的层级",
     "Unknown level, or a jurisdiction deeper than the levels"},
    {Code::unknown_jurisdiction, "QL204", "unknown-jurisdiction", error, "unknown jurisdiction",
     "未知的辖区", "Unknown or ambiguous jurisdiction"},
    {Code::unknown_mode, "QL205", "unknown-mode", error, "unknown mode", "未知的模式",
     "Unknown mode"},
    {Code::duplicate_id, "QL206", "duplicate-id", error, "duplicate id or name", "编号或名称重复",
     "Duplicate entry id, level id or mode, or a name of two levels or modes"},
    {Code::entries_overlap, "QL207", "entries-overlap", error, "entries overlap", "条目重叠",
     "Entries for one task or category whose modes overlap"},
    {Code::editions_on_same_day, "QL208", "editions-on-same-day", error, "editions on the same day",
     "同日施行两个版本", "Two editions of one list and jurisdiction on the same day"},
    {Code::until_before_effective, "QL209", "until-before-effective", error,
     "until before effective", "失效日期早于施行日期", "until before effective"},
    {Code::too_many_entries, "QL210", "too-many-entries", error, "too many entries", "条目过多",
     "More entries than the limit"},
    {Code::category_matches_no_task, "QL211", "category-matches-no-task", warning,
     "category matches no task", "类别没有对应事项", "A category entry that matches no task"},
    {Code::test_expects_unknown_entry, "QL212", "test-expects-unknown-entry", error,
     "test expects an unknown entry", "测试引用了不存在的条目",
     "A test expects an entry id that no edition has"},
    {Code::bad_reading_words, "QL213", "bad-reading-words", error, "bad reading words",
     "识别用词有误",
     "Synonyms of one word or in two groups, or a reading word of only punctuation or too long"},
    {Code::unknown_place_kind, "QL214", "unknown-place-kind", error, "unknown kind of place",
     "未知的地方类别", "An unknown kind of place, or a place given a kind of another level"},
    {Code::assists_and_forbidden, "QL300", "assists-and-forbidden", error, "assists and forbidden",
     "既协助又禁止", "A level both assists and is forbidden for a task"},
    {Code::forbids_owner, "QL301", "forbids-owner", warning, "forbids the owner", "禁止了主责层级",
     "A negative entry forbids the level that owns or self-governs a task"},
    {Code::approval_forbidden, "QL302", "approval-forbidden", error, "approval of a forbidden task",
     "准入了禁止事项",
     "An approval lets a task go to a level the negative list forbids there while it is in force"},
    {Code::query_unknown_jurisdiction, "QQ001", "unknown-jurisdiction", error,
     "unknown jurisdiction", "未知的辖区", "A query names an unknown jurisdiction"},
    {Code::query_ambiguous_jurisdiction, "QQ002", "ambiguous-jurisdiction", error,
     "ambiguous jurisdiction", "辖区有歧义", "A query names a jurisdiction that could be several"},
    {Code::query_unknown_mode, "QQ003", "unknown-mode", error, "unknown mode", "未知的模式",
     "A query names an unknown mode"},
    {Code::query_not_utf8, "QQ004", "not-utf8", error, "text not UTF-8", "文本不是 UTF-8",
     "The task text of a query is not valid UTF-8"},
    {Code::query_unknown_level, "QQ005", "unknown-level", error, "unknown level", "未知的层级",
     "A level asked for (diff --level) is unknown"},
    {Code::bad_date_value, "QU001", "bad-date", error, "bad date", "日期有误",
     "A bad date or month on the command line or in Python"},
    {Code::cannot_write_html, "QU002", "cannot-write-html", error, "cannot write the report",
     "无法写入报告", "The HTML report cannot be written"},
    {Code::option_out_of_range, "QU003", "option-out-of-range", error, "option out of range",
     "选项取值超出范围", "A number option out of range or not a number"},
    {Code::bad_command_line, "QU004", "bad-command-line", error, "bad command line", "命令行有误",
     "A command line qingdan cannot read: an unknown command or option, a missing value, a bad "
     "choice"},
    {Code::cannot_write_file, "QU005", "cannot-write-file", error, "cannot write the file",
     "无法写入文件", "A file qingdan was asked to write to (a decision log) cannot be opened"},
    {Code::conversion_data_missing, "QE001", "conversion-data-missing", error,
     "conversion data missing", "缺少繁简转换数据",
     "OpenCC's conversion data is missing from the machine"},
    {Code::http_bad_request, "QH001", "bad-request", error, "bad request", "请求有误",
     "A request the server cannot answer as sent: malformed HTTP, a body that is not JSON, a "
     "parameter missing, unknown, given twice or of the wrong form"},
    {Code::http_not_found, "QH002", "not-found", error, "not found", "地址不存在",
     "A route the server does not have"},
    {Code::http_method_not_allowed, "QH003", "method-not-allowed", error, "method not allowed",
     "请求方法不允许", "A route asked with a method it does not take"},
    {Code::http_too_large, "QH004", "too-large", error, "request too large", "请求过大",
     "A request body, its headers or a batch over the server's limit"},
    {Code::http_unsupported_media_type, "QH005", "unsupported-media-type", error,
     "unsupported media type", "不支持的内容类型",
     "A body of a Content-Type the route does not take"},
    {Code::http_unauthorized, "QH006", "unauthorized", error, "token required", "需要令牌",
     "A route that needs the bearer token asked without it, or with another"},
    {Code::http_busy, "QH007", "busy", error, "server busy", "服务器繁忙",
     "More connections than the server's limit"},
    {Code::http_not_ready, "QH008", "not-ready", error, "not ready", "尚未就绪",
     "No rulebook is loaded yet, or the first load failed"},
    {Code::http_timeout, "QH009", "timeout", error, "request timeout", "请求超时",
     "A request that did not arrive whole within the server's time limit"},
    {Code::http_internal, "QH010", "internal", error, "internal error", "内部错误",
     "A fault in the server itself; never bad input"},
    {Code::arrow_column_missing, "QA001", "arrow-column-missing", error, "column missing", "缺少列",
     "A column named for the columnar owner query is not in the data"},
    {Code::arrow_column_type, "QA002", "arrow-column-type", error, "column of the wrong type",
     "列的类型不对", "A column whose Arrow type cannot hold what it is named for"},
    {Code::arrow_time_zone, "QA003", "arrow-time-zone", error, "time zone not fixed",
     "时区不是固定时差",
     "Timestamps in a time zone whose offset may change (give dates, UTC or a fixed offset)"},
    {Code::arrow_null_value, "QA004", "arrow-null-value", error, "value missing", "缺少值",
     "A row of the columnar owner query without a task, date or place (its answer is null)"},
    {Code::arrow_not_a_batch, "QA005", "arrow-not-a-batch", error, "not a table", "不是表",
     "Data given to the columnar owner query that is neither an Arrow stream nor a record batch"},
    {Code::arrow_column_clash, "QA006", "arrow-column-clash", error, "column twice", "列重复",
     "A column kept from the data has the name of an answer column, or keep names one twice"},
    {Code::villages_bad_header, "QV001", "villages-bad-header", error, "bad village file",
     "村居文件有误",
     "A village file with no header, an unknown or repeated column, a header mixing English "
     "and Chinese names, or not .csv/.xlsx/.yaml"},
    {Code::villages_bad_value, "QV002", "villages-bad-value", error, "not a number", "不是数字",
     "A village value that is not a number, or a village without its path"},
    {Code::village_value_out_of_range, "QV003", "village-value-out-of-range", error,
     "figure out of range", "数值超出范围", "A negative figure, or one above its maximum"},
    {Code::village_without_capacity, "QV004", "village-without-capacity", error, "no capacity",
     "缺少工作容量", "A village with no capacity"},
    {Code::village_listed_twice, "QV005", "village-listed-twice", error, "village listed twice",
     "村居重复", "A village listed twice"},
    {Code::villages_bad_row, "QV006", "villages-bad-row", error, "bad row", "行格式有误",
     "A row of the wrong length, an unclosed quote, or a worksheet's cell right of the header"},
    {Code::village_parent_unknown, "QV008", "village-parent-unknown", error, "unknown parent",
     "上级辖区未知", "A village whose parent the rulebook does not know"},
    {Code::village_wrong_level, "QV009", "village-wrong-level", error, "not a village",
     "不在村居层级", "A village that is not at the lowest level"},
    {Code::village_missing_units, "QV010", "village-missing-units", error,
     "village lacks the figure", "村居缺少该项数据",
     "Effort per household or person where the village lacks the figure"},
    {Code::workbook_unreadable, "QV011", "workbook-unreadable", error, "workbook cannot be read",
     "无法读取工作簿",
     "An .xlsx village file that cannot be read: not a zip archive, an old .xls or one with a "
     "password, damaged or cut short, an encrypted part, a part over the size limit, no "
     "worksheet, or XML that declares a document type"},
    {Code::unknown_target_level, "QC003", "unknown-target-level", error, "unknown level",
     "未知的层级", "An item's `to` names no level"},
    {Code::forbidden, "QD001", "forbidden", error, "forbidden", "禁止下派",
     "The level the item goes to is forbidden for the task"},
    {Code::misassigned, "QD002", "misassigned", error, "misassigned", "职责错配",
     "The task is listed with an owner, but the level has no role in it"},
    {Code::unlisted, "QD003", "unlisted", warning, "unlisted", "未列入清单",
     "On no list, not in the catalogue, or listed with no owner and no role for the level; not "
     "approved"},
    {Code::unfunded, "QD004", "unfunded", warning, "unfunded", "无经费",
     "Funding required, none comes"},
    {Code::unapproved, "QD005", "unapproved", warning, "unapproved", "未经准入",
     "准入 approval required, not given"},
    {Code::wrong_mode, "QD006", "wrong-mode", error, "wrong-mode", "模式不符",
     "The level assists only in another mode"},
    {Code::over_frequency, "QD007", "over-frequency", warning, "over-frequency", "超过频次",
     "More often than the entry's max_per_month"},
    {Code::duplicate_collection, "QD008", "duplicate-collection", warning, "duplicate-collection",
     "重复采集", "Forms that collect the same data"},
    {Code::overload, "QD010", "overload", error, "overload", "超负荷",
     "A village over its capacity"},
    {Code::near_capacity, "QD011", "near-capacity", warning, "near-capacity", "接近上限",
     "A village near its capacity"},
    {Code::probably_forbidden, "QD012", "probably-forbidden", error, "probably-forbidden",
     "疑似禁止下派", "An item not named exactly may mean a task forbidden to its level"},
    {Code::issuer_not_owner, "QD013", "issuer-not-owner", warning, "issuer-not-owner",
     "发文单位非主责", "The issuer is not the task's owner in the lists"},
    {Code::self_governance_ordered, "QD014", "self-governance-ordered", warning,
     "self-governance-ordered", "干预自治事项",
     "The village's self-governance ordered on a rhythm, beyond any statutory one"},
    {Code::approval_invalid, "QD015", "approval-invalid", either, "approval-invalid", "准入无效",
     "The approval an item cites does not cover it: unknown, not in force, another task, level "
     "or place, or a condition not kept (error); or `approved: true` with no approval cited "
     "(warning)"},
    {Code::cap_exceeded, "QD016", "cap-exceeded", error, "cap-exceeded", "超过年度上限",
     "The directives checked and the ledger give a place more items of a type in a year than "
     "the rulebook's cap"},
    {Code::no_sunset, "QD017", "no-sunset", warning, "no-sunset", "应急措施未限期",
     "A recurring item of a directive in a mode whose measures must end would run past the "
     "mode's sunset_days"},
}};

constexpr bool rows_in_order() {
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].id != static_cast<Code>(i)) return false;
  return true;
}
static_assert(rows_in_order(), "the rows of codes.cpp follow the order of Code");

}  // namespace

const CodeRow& code_row(Code id) { return rows[static_cast<std::size_t>(id)]; }

std::span<const CodeRow> code_rows() { return rows; }

const CodeRow* find_code(std::string_view code) {
  const auto found =
      std::find_if(rows.begin(), rows.end(), [&](const CodeRow& row) { return row.code == code; });
  return found == rows.end() ? nullptr : &*found;
}

bool allows(Code code, Severity severity) {
  switch (code_row(code).severity) {
    case CodeSeverity::error: return severity == Severity::error;
    case CodeSeverity::warning: return severity == Severity::warning;
    case CodeSeverity::either: return true;
  }
  return false;
}

}  // namespace qingdan::detail
