#include <gtest/gtest.h>

#include <qingdan/detail/normalize.hpp>

TEST(Normalize, TraditionalAndSpacesAndPunctuation) {
  EXPECT_EQ(qingdan::detail::normalize_text("核酸檢測 組織動員"),
            qingdan::detail::normalize_text("核酸检测组织动员"));
}
