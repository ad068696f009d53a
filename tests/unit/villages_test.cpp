// Village profiles from CSV and YAML: what is accepted and the message for each mistake.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

std::string first_error(const std::string& csv) {
  try {
    Villages::parse_csv(csv, "v.csv");
  } catch (const Error& error) {
    return error.diagnostic().to_string();
  }
  return "no error";
}

TEST(VillagesCsv, ReadsQuotedFieldsBomCrlfAndEmptyCells) {
  Villages villages = Villages::parse_csv(
      "\xEF\xBB\xBFjurisdiction,households,population,staff,hours_per_month,baseline_hours,note\r\n"
      "上海市/青浦区/练塘镇/徐练村,621,1620,7,,700,\"figures, from 赵军 (2022)\"\r\n"
      "\r\n"
      "\"上海市/青浦区/练塘镇/东庄村\",,, ,900,,\"\"\r\n",
      "v.csv");
  ASSERT_EQ(villages.size(), 2u);
  const VillageProfile& first = villages.profiles()[0];
  EXPECT_EQ(first.jurisdiction, "上海市/青浦区/练塘镇/徐练村");
  EXPECT_DOUBLE_EQ(first.households, 621);
  EXPECT_DOUBLE_EQ(first.capacity(), 7 * 160);
  EXPECT_DOUBLE_EQ(first.baseline_hours, 700);
  EXPECT_EQ(first.position.line, 2u);
  const VillageProfile& second = villages.profiles()[1];
  EXPECT_TRUE(std::isnan(second.households));
  EXPECT_DOUBLE_EQ(second.capacity(), 900);
  EXPECT_DOUBLE_EQ(second.baseline_hours, 0);
  EXPECT_EQ(second.position.line, 4u);
}

TEST(VillagesCsv, ReportsEachMistakeWithLineAndColumnName) {
  const std::string header = "jurisdiction,households,staff\n";
  EXPECT_EQ(first_error(header + "上海市/青浦区/练塘镇/徐练村,六百,7\n"),
            "v.csv:2: error: '六百' is not a number (column households) [QV002]");
  EXPECT_EQ(
      first_error("jurisdiction,houshold,staff\n"),
      "v.csv:1: error: unknown column 'houshold' (did you mean 'households'?); columns: "
      "jurisdiction, households, population, staff, hours_per_month, baseline_hours, note [QV001]");
  EXPECT_EQ(first_error("village,staff\n"),
            "v.csv:1: error: unknown column 'village'; columns: "
            "jurisdiction, households, population, staff, "
            "hours_per_month, baseline_hours, note [QV001]");
  EXPECT_EQ(first_error(header + "上海市/青浦区/练塘镇/徐练村,600\n"),
            "v.csv:2: error: the row has 2 fields, the header 3 [QV006]");
  EXPECT_EQ(first_error(header + "\"上海市/青浦区,600,7\n"),
            "v.csv:2: error: a quoted field is not closed [QV006]");
  EXPECT_EQ(first_error(header + "上海市/青浦区/练塘镇/徐练村,600,\n"),
            "v.csv:2: error: village 上海市/青浦区/练塘镇/徐练村 has no capacity: give "
            "'hours_per_month', or 'staff' (160 hours each) [QV004]");
  EXPECT_EQ(first_error(header + "上海市/青浦区/练塘镇/徐练村,-1,7\n"),
            "v.csv:2: error: 'households' must not be negative (village "
            "上海市/青浦区/练塘镇/徐练村) [QV003]");
  EXPECT_EQ(first_error(header + "上海市/青浦区/练塘镇/徐练村,1e308,7\n"),
            "v.csv:2: error: 'households' must be at most 1000000, found 1e+308 (village "
            "上海市/青浦区/练塘镇/徐练村) [QV003]");
  EXPECT_EQ(first_error(header + "上海市/青浦区/练塘镇/徐练村,nan,7\n"),
            "v.csv:2: error: 'nan' is not a number (column households) [QV002]");
  EXPECT_EQ(first_error(header + "上海市/青浦区/练塘镇/徐练村,1,inf\n"),
            "v.csv:2: error: 'inf' is not a number (column staff) [QV002]");
  EXPECT_EQ(first_error("jurisdiction,staff,hours_per_month\n上海市/青浦区/练塘镇/徐练村,1,1e9\n"),
            "v.csv:2: error: 'hours_per_month' must be at most 100000000, found 1000000000 "
            "(village 上海市/青浦区/练塘镇/徐练村) [QV003]");
  // A column given twice would have the second silently overwrite the first.
  EXPECT_EQ(first_error("jurisdiction,staff,households,staff\n"),
            "v.csv:1: error: column 'staff' is given twice (first as column 2) [QV001]");
  EXPECT_EQ(first_error(header + "a/b/c/d,1,7\na/b/c/d,1,7\n"),
            "v.csv:3: error: village a/b/c/d is listed twice (first at line 2) [QV005]");
  EXPECT_EQ(first_error(""), "v.csv:1: error: the file is empty; expected a header row [QV001]");
  EXPECT_EQ(first_error(header + ",1,7\n"),
            "v.csv:2: error: a village needs its 'jurisdiction' path [QV002]");
}

// A header in Chinese, as a spreadsheet made in China has it, names the same columns.
TEST(VillagesCsv, ReadsAHeaderOfChineseColumnNames) {
  Villages villages = Villages::parse_csv(
      "村居,户数,人口,工作人员,月工时,基线工时,备注\n"
      "上海市/青浦区/练塘镇/徐练村,621,1620,7,,700,赵军（2022）\n"
      "上海市/青浦区/练塘镇/东庄村,,,,900,,\n",
      "v.csv");
  ASSERT_EQ(villages.size(), 2u);
  const VillageProfile& first = villages.profiles()[0];
  EXPECT_EQ(first.jurisdiction, "上海市/青浦区/练塘镇/徐练村");
  EXPECT_DOUBLE_EQ(first.households, 621);
  EXPECT_DOUBLE_EQ(first.population, 1620);
  EXPECT_DOUBLE_EQ(first.capacity(), 7 * 160);
  EXPECT_DOUBLE_EQ(first.baseline_hours, 700);
  EXPECT_DOUBLE_EQ(villages.profiles()[1].capacity(), 900);
  // A figure that is not a number is named by its column as the header writes it.
  EXPECT_EQ(first_error("村居,户数,工作人员\n上海市/青浦区/练塘镇/徐练村,六百,7\n"),
            "v.csv:2: error: '六百' is not a number (column 户数) [QV002]");
}

TEST(VillagesCsv, AHeaderInTwoLanguagesOrWithAColumnTwiceIsRefused) {
  EXPECT_EQ(first_error("村居,households,工作人员\n"),
            "v.csv:1: error: the header mixes English and Chinese column names: '村居' (column 1) "
            "and 'households' (column 2); name every column in one language [QV001]");
  // The same column in both languages is the same mistake.
  EXPECT_EQ(first_error("jurisdiction,staff,工作人员\n"),
            "v.csv:1: error: the header mixes English and Chinese column names: 'jurisdiction' "
            "(column 1) and '工作人员' (column 3); name every column in one language [QV001]");
  EXPECT_EQ(first_error("村居,户数,工作人员,户数\n"),
            "v.csv:1: error: column '户数' is given twice (first as column 2) [QV001]");
  EXPECT_EQ(first_error("村居,户 数,工作人员\n"),
            "v.csv:1: error: unknown column '户 数' (did you mean '户数'?); columns: 村居, 户数, "
            "人口, 工作人员, 月工时, 基线工时, 备注 (or in English: jurisdiction, households, "
            "population, staff, hours_per_month, baseline_hours, note) [QV001]");
  EXPECT_EQ(first_error("户数,工作人员\n"),
            "v.csv:1: error: the header has no '村居' (jurisdiction) column [QV001]");
  EXPECT_EQ(first_error("households,staff\n"),
            "v.csv:1: error: the header has no 'jurisdiction' column [QV001]");
  try {
    Villages::parse_csv("村居,households\n", "v.csv");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.diagnostic().to_string(Language::zh),
              "v.csv:1: 错误：表头混用了英文和中文列名：'村居'（第 1 列）和 'households'（第 2 "
              "列）；请统一用一种语言命名各列 [QV001]");
  }
}

// "村居,户数,工作人员" and a village, as Excel saves them on a Chinese Windows: in GBK.
const std::string gbk_csv =
    "\xB4\xE5\xBE\xD3,\xBB\xA7\xCA\xFD,\xB9\xA4\xD7\xF7\xC8\xCB\xD4\xB1\n"
    "\xC9\xCF\xBA\xA3\xCA\xD0/\xC7\xE0\xC6\xD6\xC7\xF8/\xC1\xB7\xCC\xC1\xD5\xF2/"
    "\xD0\xEC\xC1\xB7\xB4\xE5,621,7\n";

TEST(VillagesCsv, AFileInGbkIsNamedAsSuchWithHowToSaveItAsUtf8) {
  EXPECT_EQ(first_error(gbk_csv),
            "v.csv:1:1: error: the file is not UTF-8 (byte 0xB4); it looks like GBK (GB18030) — "
            "save it as UTF-8 (Excel: 另存为 CSV UTF-8) [QL003]");
  try {
    Villages::parse_csv(gbk_csv, "v.csv");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.diagnostic().to_string(Language::zh),
              "v.csv:1:1: 错误：文件不是 UTF-8 编码（字节 0xB4），看起来是 GBK（GB18030）——"
              "请另存为 UTF-8（Excel：另存为 CSV UTF-8） [QL003]");
  }
  // UTF-8 Chinese with one stray byte is UTF-8 with a stray byte, as before.
  EXPECT_EQ(first_error("村居,户数,工作人员\n上海市/青浦区/练塘镇/徐练村\xFF,621,7\n"),
            "v.csv:2:16: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8 [QL003]");
  EXPECT_EQ(first_error("村居,户数,工作人员\n上海市/青浦区/练塘镇/徐练\xB4\xE5,621,7\n"),
            "v.csv:2:15: error: invalid UTF-8 (byte 0xB4); save the file as UTF-8 [QL003]");
  // Latin-1, or bytes that are not GB18030, are no GBK.
  EXPECT_EQ(first_error("jurisdiction,note\na/b,caf\xE9\n"),
            "v.csv:2:8: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8 [QL003]");
}

TEST(VillagesYaml, ReadsKindVillagesWithTheSameChecks) {
  testing::TempRulebook folder{
      {{"v.yaml",
        "qingdan: 1\nkind: villages\nvillages:\n"
        "  - {jurisdiction: 上海市/青浦区/练塘镇/徐练村, households: 621, staff: 7}\n"
        "  - {jurisdiction: 上海市/青浦区/练塘镇/东庄村, hours_per_month: 800, baseline_hours: "
        "300}\n"},
       {"bad.yaml", "qingdan: 1\nkind: villages\nvillages:\n  - {jurisdiction: a/b, staf: 7}\n"},
       {"huge.yaml",
        "qingdan: 1\nkind: villages\nvillages:\n  - {jurisdiction: a/b, staff: 1e308}\n"},
       {"v.txt", "jurisdiction\n"}}};
  Villages villages = Villages::load(folder.folder() / "v.yaml");
  ASSERT_EQ(villages.size(), 2u);
  EXPECT_DOUBLE_EQ(villages.profiles()[1].capacity(), 800);
  EXPECT_EQ(villages.profiles()[1].position.line, 5u);
  try {
    Villages::load(folder.folder() / "bad.yaml");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.line(), 4u);
    EXPECT_NE(
        std::string(error.what()).find("unknown key 'staf' in a village (did you mean 'staff'?)"),
        std::string::npos);
  }
  try {
    Villages::load(folder.folder() / "huge.yaml");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.line(), 4u);
    EXPECT_EQ(error.column(), 32u);
    EXPECT_NE(std::string(error.what()).find("'staff' must be at most 100000, found 1e308"),
              std::string::npos)
        << error.what();
  }
  EXPECT_THROW(Villages::load(folder.folder() / "v.txt"), Error);
}

// The workbooks tests/data/villages/make_workbooks.py writes, and the CSV one of them holds.
const std::filesystem::path workbooks = std::filesystem::path(QINGDAN_TEST_DATA_DIR) / "villages";

// The first error of loading a workbook, its file named without its folder.
std::string workbook_error(const std::filesystem::path& file, const LoadOptions& options = {},
                           Language language = Language::en) {
  try {
    Villages::load(file, options);
  } catch (const Error& error) {
    std::string text = error.diagnostic().to_string(language);
    const std::string folder = file.parent_path().generic_string() + "/";
    return text.starts_with(folder) ? text.substr(folder.size()) : text;
  }
  return "no error";
}

TEST(VillagesXlsx, TheFirstWorksheetReadsAsItsCsvDoes) {
  // Its first sheet in the workbook's order is stored as sheet2.xml, behind a second sheet;
  // its header is in Chinese, two villages are inline strings (one in runs, with a phonetic
  // reading that is no part of it), and one figure is a text.
  Villages from_workbook = Villages::load(workbooks / "qingpu.xlsx");
  Villages from_csv = Villages::load(std::filesystem::path(QINGDAN_TEST_DATA_DIR) /
                                     "../../examples/villages/qingpu.csv");
  ASSERT_EQ(from_workbook.size(), 68u);
  ASSERT_EQ(from_workbook.size(), from_csv.size());
  auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
  for (std::size_t i = 0; i < from_csv.size(); ++i) {
    const VillageProfile& workbook = from_workbook.profiles()[i];
    const VillageProfile& csv = from_csv.profiles()[i];
    EXPECT_EQ(workbook.jurisdiction, csv.jurisdiction);
    EXPECT_TRUE(same(workbook.households, csv.households)) << csv.jurisdiction;
    EXPECT_TRUE(same(workbook.population, csv.population)) << csv.jurisdiction;
    EXPECT_TRUE(same(workbook.staff, csv.staff)) << csv.jurisdiction;
    EXPECT_TRUE(same(workbook.hours_per_month, csv.hours_per_month)) << csv.jurisdiction;
    EXPECT_TRUE(same(workbook.baseline_hours, csv.baseline_hours)) << csv.jurisdiction;
    EXPECT_EQ(workbook.position.line, csv.position.line);  // the row is the CSV's line
    EXPECT_EQ(workbook.position.file, (workbooks / "qingpu.xlsx").generic_string());
  }
  EXPECT_EQ(from_workbook.profiles()[2].jurisdiction, "上海市/青浦区/朱家角镇/示例村01");
}

// A workbook of tests/data/villages, how it is loaded, and the first error that gives, worded
// in a language.
struct WorkbookCase {
  const char* file;
  LoadOptions options;
  const char* error;
  Language language = Language::en;
};

void expect_errors(std::initializer_list<WorkbookCase> cases) {
  for (const WorkbookCase& each : cases)
    EXPECT_EQ(workbook_error(workbooks / each.file, each.options, each.language), each.error);
}

TEST(VillagesXlsx, AMistakeInACellNamesItsRowAndCell) {
  expect_errors({
      {"bad-number.xlsx",
       {},
       "bad-number.xlsx:3: error: cell B3: '六百' is not a number (column 户数) [QV002]"},
      {"bad-number.xlsx",
       {},
       "bad-number.xlsx:3: 错误：单元格 B3：'六百' 不是数字（户数 列） [QV002]",
       Language::zh},
      {"negative.xlsx",
       {},
       "negative.xlsx:2: error: cell D2: 'staff' must not be negative (village "
       "上海市/青浦区/练塘镇/徐练村) [QV003]"},
      {"twice.xlsx",
       {},
       "twice.xlsx:3: error: village 上海市/青浦区/练塘镇/徐练村 is listed twice (first in row 2) "
       "[QV005]"},
      {"outside-header.xlsx",
       {},
       "outside-header.xlsx:3: error: cell G3: '见附件' is right of the header's last column (F); "
       "give its column a header, or clear the cell [QV006]"},
      {"outside-header.xlsx",
       {},
       "outside-header.xlsx:3: 错误：单元格 G3：'见附件' 位于表头最后一列（F 列）的右侧；"
       "请为该列加上表头，或清空该单元格 [QV006]",
       Language::zh},
  });
}

TEST(VillagesXlsx, AWorkbookThatCannotBeReadIsRefusedWithWhy) {
  expect_errors({
      {"truncated.xlsx",
       {},
       "truncated.xlsx: error: the workbook is damaged or cut short: its zip archive cannot be "
       "read [QV011]"},
      {"truncated.xlsx",
       {},
       "truncated.xlsx: 错误：工作簿已损坏或不完整：无法读取其 zip 压缩包 [QV011]",
       Language::zh},
      {"declared-huge.xlsx",
       {},
       "declared-huge.xlsx: error: the workbook's part xl/worksheets/sheet1.xml unpacks to more "
       "than 67108864 bytes (raise LoadOptions::max_file_bytes) [QV011]"},
      // The entry says 1,000 bytes and unpacks to 64 KiB: the unpacking stops at the limit.
      {"lying-size.xlsx",
       {.max_file_bytes = 32 << 10},
       "lying-size.xlsx: error: the workbook's part xl/worksheets/sheet1.xml unpacks to more than "
       "32768 bytes (raise LoadOptions::max_file_bytes) [QV011]"},
      {"encrypted.xlsx",
       {},
       "encrypted.xlsx: error: the workbook's part xl/worksheets/sheet1.xml is encrypted; save "
       "the workbook without a password [QV011]"},
      {"doctype.xlsx",
       {},
       "doctype.xlsx: error: the workbook's part xl/worksheets/sheet1.xml declares a document "
       "type (<!DOCTYPE>), which no workbook does; it is not read [QV011]"},
      // The file itself is held to max_file_bytes, as a CSV file is.
      {"qingpu.xlsx",
       {.max_file_bytes = 4096},
       "qingpu.xlsx: error: file is 8591 bytes, over the limit of 4096 (raise "
       "LoadOptions::max_file_bytes) [QL002]"},
  });
  EXPECT_EQ(Villages::load(workbooks / "lying-size.xlsx").size(), 1u);
  testing::TempRulebook folder{
      {{"text.xlsx", "jurisdiction,staff\na/b/c/d,7\n"},
       {"empty.xlsx", ""},
       {"old.xlsx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0')},
       {"v.xls", "x"}}};
  EXPECT_EQ(workbook_error(folder.folder() / "text.xlsx"),
            "text.xlsx: error: the file is not an .xlsx workbook (it is not a zip archive); save "
            "it in Excel as .xlsx, or as CSV UTF-8 [QV011]");
  EXPECT_EQ(workbook_error(folder.folder() / "empty.xlsx"),
            workbook_error(folder.folder() / "text.xlsx").replace(0, 4, "empty"));
  EXPECT_EQ(workbook_error(folder.folder() / "old.xlsx"),
            "old.xlsx: error: the file is an old .xls workbook, or one protected by a password; "
            "save it in Excel as .xlsx without a password, or as CSV UTF-8 [QV011]");
  EXPECT_EQ(workbook_error(folder.folder() / "v.xls"),
            "v.xls: error: village profiles must be a .csv or .xlsx file, or a .yaml file of "
            "kind villages [QV001]");
}

TEST(VillagesCode, ProfilesBuiltInCodeAreValidatedToo) {
  VillageProfile profile;
  profile.jurisdiction = "上海市/青浦区/练塘镇/徐练村";
  EXPECT_THROW(Villages({profile}), Error);  // no capacity
  profile.staff = 3;
  EXPECT_EQ(Villages({profile}).size(), 1u);
  for (double VillageProfile::*figure :
       {&VillageProfile::households, &VillageProfile::population, &VillageProfile::staff,
        &VillageProfile::hours_per_month, &VillageProfile::baseline_hours}) {
    VillageProfile huge = profile;
    huge.*figure = std::numeric_limits<double>::infinity();
    EXPECT_THROW(Villages({huge}), Error);
  }
  VillageProfile no_baseline = profile;  // NaN means "not given" except for the baseline
  no_baseline.baseline_hours = std::numeric_limits<double>::quiet_NaN();
  try {
    Villages({no_baseline});
    FAIL() << "a NaN baseline was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.diagnostic().message, "'nan' is not a number (column baseline_hours)");
  }
}

}  // namespace
}  // namespace qingdan
