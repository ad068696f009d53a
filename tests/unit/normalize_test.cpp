#include <gtest/gtest.h>

#include <qingdan/detail/normalize.hpp>
#include <qingdan/error.hpp>

namespace qingdan::detail {
namespace {

TEST(Normalize, FoldsTraditionalToSimplified) {
  EXPECT_EQ(normalize_text("核酸檢測組織動員"), "核酸检测组织动员");
  EXPECT_EQ(normalize_text("開具親屬關係證明"), "开具亲属关系证明");
}

TEST(Normalize, AppliesNfkcToFullWidthForms) {
  EXPECT_EQ(normalize_text("ＨＳ０１"), "hs01");
  EXPECT_EQ(normalize_text("１２３４５工单"), "12345工单");
}

TEST(Normalize, FoldsLatinCase) { EXPECT_EQ(normalize_text("App Check-In"), "appcheckin"); }

TEST(Normalize, RemovesWhiteSpaceAndPunctuation) {
  EXPECT_EQ(normalize_text(" 核酸　检测，组织。动员 "), "核酸检测组织动员");  // ideographic space
  EXPECT_EQ(normalize_text("《传染病防治法》（第九条）：“组织”；、"), "传染病防治法第九条组织");
  EXPECT_EQ(normalize_text("a-b_c.d/e!f?g#h"), "abcdefgh");
  EXPECT_EQ(normalize_text("敲门\u200b行动"), "敲门行动");  // zero-width space is ignorable
}

TEST(Normalize, KeepsTextThatIsAlreadyNormal) {
  EXPECT_EQ(normalize_text("测温验码登记"), "测温验码登记");
  EXPECT_EQ(normalize_text(""), "");
  EXPECT_EQ(normalize_text("，。"), "");
}

TEST(Normalize, RejectsInvalidUtf8) {
  EXPECT_THROW(normalize_text("\xff\xfe"), Error);
  EXPECT_FALSE(is_valid_utf8("核\xe6"));
  EXPECT_TRUE(is_valid_utf8("核酸"));
}

}  // namespace
}  // namespace qingdan::detail
