#include <gtest/gtest.h>

#include <qingdan/date.hpp>

namespace qingdan {
namespace {

using namespace std::chrono;

TEST(Date, ParsesStrictIsoDates) {
  EXPECT_EQ(parse_iso_date("2022-04-15"), Date{year{2022} / 4 / 15});
  EXPECT_EQ(parse_iso_date("2024-02-29"), Date{year{2024} / 2 / 29});
}

TEST(Date, RejectsWhatIsNotACalendarDay) {
  for (const char* text : {"2023-02-29", "2022-13-01", "2022-00-10", "2022-4-15", "20220415",
                           "2022/04/15", "2022-04-15T00:00", " 2022-04-15", ""})
    EXPECT_FALSE(parse_iso_date(text)) << text;
}

TEST(Date, PrintsIsoAndSteps) {
  EXPECT_EQ(to_iso(year{2022} / 1 / 5), "2022-01-05");
  EXPECT_EQ(next_day(year{2023} / 12 / 31), Date{year{2024} / 1 / 1});
}

}  // namespace
}  // namespace qingdan

namespace qingdan {
namespace {

TEST(IsoMonth, IsYearAndMonthAndNothingElse) {
  EXPECT_EQ(parse_iso_month("2025-09"), std::chrono::year{2025} / std::chrono::September);
  for (const char* bad : {"2025-13", "2025-1", "2025-09-01", "abc", "", "2025-00", "２０２５-09"})
    EXPECT_FALSE(parse_iso_month(bad)) << bad;
  EXPECT_EQ(month_text(std::chrono::year{2025} / std::chrono::September), "2025-09");
}

}  // namespace
}  // namespace qingdan
