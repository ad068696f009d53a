#include <gtest/gtest.h>

#include <qingdan/detail/jurisdiction_tree.hpp>

namespace qingdan::detail {
namespace {

class Jurisdictions : public ::testing::Test {
 protected:
  void SetUp() override {
    auto qingpu = tree.add_child(JurisdictionTree::root, "青浦区");
    auto liantang = tree.add_child(qingpu, "练塘镇");
    xulian = tree.add_child(liantang, "徐练村");
    tree.add_child(liantang, "东庄村");
    auto pudong = tree.add_child(JurisdictionTree::root, "浦东新区");
    tree.add_child(tree.add_child(pudong, "川沙镇"), "东庄村");
  }
  JurisdictionTree tree{"上海市"};
  std::uint32_t xulian = npos;
};

TEST_F(Jurisdictions, FindsByPathAndUniqueSuffix) {
  EXPECT_EQ(tree.find("上海市/青浦区/练塘镇/徐练村").node, xulian);
  EXPECT_EQ(tree.find("练塘镇/徐练村").node, xulian);
  EXPECT_EQ(tree.find("徐练村").node, xulian);
  EXPECT_EQ(tree.find("/徐练村/").node, xulian);
  EXPECT_EQ(tree.find("").node, JurisdictionTree::root);
  EXPECT_EQ(tree.node(xulian).depth, 3u);
  EXPECT_EQ(tree.node(xulian).path, "上海市/青浦区/练塘镇/徐练村");
}

TEST_F(Jurisdictions, AmbiguousSuffixListsEveryCandidate) {
  auto lookup = tree.find("东庄村");
  EXPECT_EQ(lookup.node, npos);
  EXPECT_TRUE(lookup.ambiguous);
  EXPECT_EQ(lookup.candidates, (std::vector<std::string>{"上海市/青浦区/练塘镇/东庄村",
                                                         "上海市/浦东新区/川沙镇/东庄村"}));
  EXPECT_NE(tree.find("川沙镇/东庄村").node, npos);
}

TEST_F(Jurisdictions, UnknownNameSuggestsSimilarOnes) {
  auto lookup = tree.find("徐练");
  EXPECT_EQ(lookup.node, npos);
  EXPECT_FALSE(lookup.ambiguous);
  ASSERT_FALSE(lookup.candidates.empty());
  EXPECT_EQ(lookup.candidates[0], "上海市/青浦区/练塘镇/徐练村");
  EXPECT_EQ(tree.find("练塘镇/张马村").node, npos);  // a suffix must match whole names
  EXPECT_EQ(tree.find("塘镇").node, npos);
}

TEST_F(Jurisdictions, ChainRunsFromTheNodeToTheRoot) {
  auto chain = tree.chain(xulian);
  ASSERT_EQ(chain.size(), 4u);
  EXPECT_EQ(chain.front(), xulian);
  EXPECT_EQ(chain.back(), JurisdictionTree::root);
}

}  // namespace
}  // namespace qingdan::detail
