// Reading free text against the catalogue (docs/reading.md): exact matches, containment either
// way, the rulebook's synonyms and generic words, keywords, and the options.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::TempRulebook;

const char* const reading_tasks = R"(qingdan: 1
kind: tasks
tasks:
  - {id: ZM-01, name: 开具亲属关系证明, category: 证明事项}
  - {id: ZM-14, name: 开具婚育状况证明, aliases: [婚育证明], category: 证明事项}
  - {id: ZM-09, name: 开具婚姻状况证明, keywords: [未婚证明], category: 证明事项}
  - {id: BY-01, name: 招商引资、协税护税等经济指标, keywords: [协税护税, 招商引资]}
  - {id: XZ-23, name: 防汛防台隐患排查和人员转移协助}
  - {id: XZ-04, name: 城乡居民医疗保险参保登记}
)";

class Reading_ : public ::testing::Test {
 protected:
  TempRulebook rules{{{"rulebook.yaml", std::string(levels_yaml) +
                                            "synonyms:\n  - [开具, 出具]\n  - [医疗保险, 医保]\n"
                                            "generic_words: [本街镇]\n"},
                      {"tasks.yaml", reading_tasks}}};
  Rulebook book = rules.load();
};

TEST_F(Reading_, AnIdANameOrAnAliasIsExact) {
  for (const char* text : {"ZM-14", "开具婚育状况证明", "開具婚育狀況證明", "婚育证明"}) {
    Reading reading = book.read(text);
    EXPECT_EQ(reading.status, ReadingStatus::exact) << text;
    ASSERT_NE(reading.task(), nullptr);
    EXPECT_EQ(reading.task()->task.id, "ZM-14");
    EXPECT_EQ(reading.task()->confidence, 1.0);
  }
  EXPECT_EQ(book.read("ZM-14").task()->matched_text, MatchedText::id);
  EXPECT_EQ(book.read("婚育证明").task()->matched_text, MatchedText::alias);
}

TEST_F(Reading_, ANameInASentenceIsReadAsItsTaskThroughTheRulebooksSynonyms) {
  Reading reading = book.read("请各村为群众出具婚育状况证明");
  ASSERT_EQ(reading.status, ReadingStatus::read_as);
  const Candidate& taken = *reading.task();
  EXPECT_EQ(taken.task.id, "ZM-14");
  EXPECT_EQ(taken.how, MatchKind::contains);
  EXPECT_EQ(taken.matched_text, MatchedText::name);
  EXPECT_EQ(taken.matched, "开具婚育状况证明");
  EXPECT_EQ(taken.synonyms, std::vector<std::string>{"出具→开具"});
  EXPECT_GT(taken.confidence, 0.9);
  EXPECT_LT(taken.confidence, 1.0);
  // Its look-alike is a candidate, ranked after it.
  ASSERT_GE(reading.candidates.size(), 2u);
  EXPECT_EQ(reading.candidates[1].task.id, "ZM-09");
  EXPECT_LT(reading.candidates[1].confidence, taken.confidence);
  // Without the synonym the same text is less sure of it.
  TempRulebook plain{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", reading_tasks}}};
  EXPECT_LT(plain.load().read("请各村为群众出具婚育状况证明").candidates[0].confidence,
            taken.confidence);
}

TEST_F(Reading_, WhatATextSaysBeyondGenericWordsFoundInAKeywordIsContained) {
  Reading reading = book.read("各村落实协税护税任务");
  ASSERT_EQ(reading.status, ReadingStatus::read_as);
  EXPECT_EQ(reading.task()->task.id, "BY-01");
  EXPECT_EQ(reading.task()->how, MatchKind::contained);
  EXPECT_EQ(reading.task()->matched_text, MatchedText::keyword);
  // A short text inside a longer name: 防汛 is found in 防汛防台…, as a candidate.
  Reading flood = book.read("防汛");
  ASSERT_FALSE(flood.candidates.empty());
  EXPECT_EQ(flood.candidates[0].task.id, "XZ-23");
  EXPECT_EQ(flood.candidates[0].how, MatchKind::contained);
}

TEST_F(Reading_, AKeywordInALongTextSaysTheTaskMayBeMeantNeverThatItIs) {
  Reading reading = book.read("请各村为办理购房贷款的村民和外出务工人员开具未婚证明并加盖公章");
  ASSERT_FALSE(reading.candidates.empty());
  EXPECT_EQ(reading.candidates[0].task.id, "ZM-09");
  EXPECT_EQ(reading.candidates[0].matched_text, MatchedText::keyword);
  EXPECT_LT(reading.candidates[0].confidence, 0.5);
}

TEST_F(Reading_, GenericWordsOfTheRulebookAndOfQingdanWeighLittle) {
  // Only generic words in common with the catalogue: nothing is close.
  EXPECT_EQ(book.read("请本街镇各村认真做好落实工作").status, ReadingStatus::none);
  EXPECT_EQ(book.read("xyzzy").status, ReadingStatus::none);
  EXPECT_TRUE(book.read("").candidates.empty());
}

TEST_F(Reading_, OptionsDecideWhenTheBestCandidateIsTakenAndHowManyAreKept) {
  ReadOptions never;
  never.read_as_confidence = 1;
  EXPECT_EQ(book.read("请各村为群众出具婚育状况证明", never).status, ReadingStatus::candidates);
  ReadOptions one;
  one.candidates = 1;
  EXPECT_EQ(book.read("请各村为群众出具婚育状况证明", one).candidates.size(), 1u);
  for (std::size_t count : {std::size_t{0}, max_candidates + 1}) {
    ReadOptions out_of_range;
    out_of_range.candidates = count;
    try {
      (void)book.read("防汛", out_of_range);
      FAIL() << count << " candidates were taken";
    } catch (const Error& error) {
      EXPECT_EQ(error.diagnostic().code, "QU003");
    }
  }
  ReadOptions bad;
  bad.read_as_confidence = std::numeric_limits<double>::quiet_NaN();
  try {
    (void)book.read("防汛", bad);
    FAIL() << "a NaN threshold was taken";
  } catch (const Error& error) {
    EXPECT_EQ(error.diagnostic().code, "QU003");
  }
}

TEST_F(Reading_, AnOwnerQueryOfAnUnknownTextListsTheSameCandidates) {
  Decision decision = book.owner("防汛");
  EXPECT_EQ(decision.status, Status::unknown);
  ASSERT_FALSE(decision.candidates.empty());
  EXPECT_EQ(decision.candidates[0].task.id, "XZ-23");
  ASSERT_FALSE(decision.suggestions.empty());
  EXPECT_EQ(decision.suggestions[0].id, "XZ-23");
}

TEST(ReadingWords, AreCheckedWhenTheRulebookLoads) {
  auto first_error = [](const std::string& rulebook_tail, const std::string& tasks) {
    TempRulebook rules{
        {{"rulebook.yaml", std::string(levels_yaml) + rulebook_tail}, {"tasks.yaml", tasks}}};
    return rules.first_error();
  };
  EXPECT_NE(
      first_error("synonyms:\n  - [开具, 出具]\n  - [出具, 提供]\n", reading_tasks).find("[QL213]"),
      std::string::npos);
  EXPECT_NE(first_error("synonyms:\n  - [开具]\n", reading_tasks).find("[QL213]"),
            std::string::npos);
  EXPECT_NE(first_error("generic_words: ['、']\n", reading_tasks).find("[QL213]"),
            std::string::npos);
  // Every position of a text tries each length up to the longest word: a longer one is refused.
  std::string long_word;
  for (int i = 0; i < 33; ++i) long_word += "字";
  EXPECT_NE(first_error("synonyms:\n  - [开具, " + long_word + "]\n", reading_tasks)
                .find("is longer than 32 characters"),
            std::string::npos);
  EXPECT_NE(
      first_error("synonym:\n  - [开具, 出具]\n", reading_tasks).find("did you mean 'synonyms'"),
      std::string::npos);
  EXPECT_NE(
      first_error("", "qingdan: 1\nkind: tasks\ntasks:\n  - {id: A, name: 甲, keywords: ['，']}\n")
          .find("[QL213]"),
      std::string::npos);
}

}  // namespace
}  // namespace qingdan
