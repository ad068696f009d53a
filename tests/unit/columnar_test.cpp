// The owner query over Arrow columns (src/columnar/): the same answers as Rulebook::answer() for
// every column type a parameter may come in, a null or bad row answered with its error, the
// schema's mistakes refused before the first batch, kept columns aligned with their rows.
#include <gtest/gtest.h>

#include <cerrno>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nanoarrow/nanoarrow.hpp>

#include <qingdan/qingdan.hpp>

#include "columnar/owner_stream.hpp"
#include "columnar/reading_stream.hpp"

namespace qingdan::columnar {
namespace {

// One input column: a name, an Arrow type and its rows (nullopt is a null).
struct Column {
  std::string name;
  ArrowType type;
  std::vector<std::optional<std::string>> texts{};
  std::vector<std::optional<std::int64_t>> numbers{};
  ArrowTimeUnit unit = NANOARROW_TIME_UNIT_SECOND;
  std::string zone{};
  bool dictionary = false;
};

void ok(ArrowErrorCode code) { ASSERT_EQ(code, NANOARROW_OK); }

void set_field(ArrowSchema* field, const Column& column) {
  ArrowSchemaInit(field);
  if (column.type == NANOARROW_TYPE_TIMESTAMP) {
    ok(ArrowSchemaSetTypeDateTime(field, NANOARROW_TYPE_TIMESTAMP, column.unit,
                                  column.zone.empty() ? nullptr : column.zone.c_str()));
  } else if (column.dictionary) {
    ok(ArrowSchemaSetType(field, NANOARROW_TYPE_INT32));
    ok(ArrowSchemaAllocateDictionary(field));
    ArrowSchemaInit(field->dictionary);
    ok(ArrowSchemaSetType(field->dictionary, column.type));
  } else {
    ok(ArrowSchemaSetType(field, column.type));
  }
  ok(ArrowSchemaSetName(field, column.name.c_str()));
}

void fill(ArrowArray* array, const Column& column, std::int64_t rows) {
  ok(ArrowArrayStartAppending(array));
  if (column.dictionary) {  // every row its own dictionary value, in reverse
    for (std::int64_t row = 0; row < rows; ++row) {
      if (!column.texts[row]) {
        ok(ArrowArrayAppendNull(array, 1));
      } else {
        ok(ArrowArrayAppendInt(array, rows - 1 - row));
      }
    }
    for (std::int64_t row = rows - 1; row >= 0; --row) {
      const std::string text = column.texts[row].value_or("");
      ok(ArrowArrayAppendString(array->dictionary, ArrowCharView(text.c_str())));
    }
    return;
  }
  for (std::int64_t row = 0; row < rows; ++row) {
    if (!column.texts.empty()) {
      if (!column.texts[row]) {
        ok(ArrowArrayAppendNull(array, 1));
      } else {
        ok(ArrowArrayAppendString(
            array, ArrowStringView{column.texts[row]->data(),
                                   static_cast<std::int64_t>(column.texts[row]->size())}));
      }
    } else if (!column.numbers[row]) {
      ok(ArrowArrayAppendNull(array, 1));
    } else {
      ok(ArrowArrayAppendInt(array, *column.numbers[row]));
    }
  }
}

// A stream of one record batch holding `columns`.
nanoarrow::UniqueArrayStream stream_of(const std::vector<Column>& columns) {
  nanoarrow::UniqueSchema schema;
  ArrowSchemaInit(schema.get());
  EXPECT_EQ(ArrowSchemaSetTypeStruct(schema.get(), static_cast<std::int64_t>(columns.size())),
            NANOARROW_OK);
  for (std::size_t i = 0; i < columns.size(); ++i) set_field(schema->children[i], columns[i]);
  nanoarrow::UniqueArray batch;
  ArrowError error;
  EXPECT_EQ(ArrowArrayInitFromSchema(batch.get(), schema.get(), &error), NANOARROW_OK);
  const auto rows = static_cast<std::int64_t>(columns[0].texts.empty() ? columns[0].numbers.size()
                                                                       : columns[0].texts.size());
  for (std::size_t i = 0; i < columns.size(); ++i) fill(batch->children[i], columns[i], rows);
  batch->length = rows;
  EXPECT_EQ(ArrowArrayFinishBuildingDefault(batch.get(), &error), NANOARROW_OK)
      << ArrowErrorMessage(&error);
  nanoarrow::UniqueArrayStream stream;
  EXPECT_EQ(ArrowBasicArrayStreamInit(stream.get(), schema.get(), 1), NANOARROW_OK);
  ArrowBasicArrayStreamSetArray(stream.get(), 0, batch.get());
  return stream;
}

// The answers read back: every column as text ("" for null; entries joined by ',').
struct Answers {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> rows;
  std::string metadata_fingerprint;

  std::string at(std::size_t row, std::string_view column) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == column) return rows[row][i];
    ADD_FAILURE() << "no column " << column;
    return {};
  }
};

Answers read_all(ArrowArrayStream* stream) {
  Answers answers;
  nanoarrow::UniqueSchema schema;
  EXPECT_EQ(ArrowArrayStreamGetSchema(stream, schema.get(), nullptr), NANOARROW_OK);
  for (std::int64_t i = 0; i < schema->n_children; ++i)
    answers.names.emplace_back(schema->children[i]->name);
  ArrowStringView value;
  if (ArrowMetadataGetValue(schema->metadata, ArrowCharView("qingdan.rulebook"), &value) ==
      NANOARROW_OK)
    answers.metadata_fingerprint.assign(value.data, static_cast<std::size_t>(value.size_bytes));
  nanoarrow::UniqueArrayView view;
  ArrowError error;
  EXPECT_EQ(ArrowArrayViewInitFromSchema(view.get(), schema.get(), &error), NANOARROW_OK);
  while (true) {
    nanoarrow::UniqueArray batch;
    const int code = stream->get_next(stream, batch.get());
    EXPECT_EQ(code, 0) << stream->get_last_error(stream);
    if (code != 0 || batch->release == nullptr) break;
    EXPECT_EQ(ArrowArrayViewSetArray(view.get(), batch.get(), &error), NANOARROW_OK)
        << ArrowErrorMessage(&error);
    for (std::int64_t row = 0; row < batch->length; ++row) {
      std::vector<std::string> values;
      for (std::int64_t c = 0; c < view->n_children; ++c) {
        const ArrowArrayView* column = view->children[c];
        if (ArrowArrayViewIsNull(column, row)) {
          values.emplace_back();
        } else if (column->storage_type == NANOARROW_TYPE_LIST) {
          std::string joined;
          const std::int64_t from = ArrowArrayViewListChildOffset(column, row);
          const std::int64_t to = ArrowArrayViewListChildOffset(column, row + 1);
          for (std::int64_t item = from; item < to; ++item) {
            if (!joined.empty()) joined += ',';
            if (column->children[0]->storage_type == NANOARROW_TYPE_DOUBLE) {
              joined += std::to_string(ArrowArrayViewGetDoubleUnsafe(column->children[0], item));
              continue;
            }
            ArrowStringView text = ArrowArrayViewGetStringUnsafe(column->children[0], item);
            joined.append(text.data, static_cast<std::size_t>(text.size_bytes));
          }
          values.push_back(joined);
        } else if (column->storage_type == NANOARROW_TYPE_DOUBLE) {
          values.push_back(std::to_string(ArrowArrayViewGetDoubleUnsafe(column, row)));
        } else if (column->storage_type == NANOARROW_TYPE_INT64) {
          values.push_back(std::to_string(ArrowArrayViewGetIntUnsafe(column, row)));
        } else {
          ArrowStringView text = ArrowArrayViewGetStringUnsafe(column, row);
          values.emplace_back(text.data, static_cast<std::size_t>(text.size_bytes));
        }
      }
      answers.rows.push_back(std::move(values));
    }
  }
  return answers;
}

Answers ask(const Rulebook& book, const std::vector<Column>& columns,
            const OwnerQueryColumns& query = {}) {
  nanoarrow::UniqueArrayStream input = stream_of(columns);
  nanoarrow::UniqueArrayStream output;
  open_owner_stream(book, input.get(), query, output.get());
  EXPECT_EQ(input->release, nullptr);  // taken over
  return read_all(output.get());
}

std::string role_text(const Answer& answer, std::size_t level) {
  auto role = answer.role_at(level);
  return role ? std::string(to_string(*role)) : "";
}

class Columnar : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { book_ = new Rulebook(Rulebook::load("rules/shanghai-qingpu")); }
  static void TearDownTestSuite() { delete book_; }
  static const Rulebook& book() { return *book_; }

  // The rulebook's own answers to `tasks` at the dates and places, row by row, compared.
  static void expect_same_as_answer(const Answers& answers, const std::vector<std::string>& tasks,
                                    const std::vector<std::string>& dates,
                                    const std::vector<std::string>& places,
                                    const std::string& mode = "") {
    ASSERT_EQ(answers.rows.size(), tasks.size());
    for (std::size_t row = 0; row < tasks.size(); ++row) {
      const Answer expected =
          book().answer(tasks[row], Query{parse_iso_date(dates[row]), places[row], mode});
      SCOPED_TRACE(tasks[row] + " " + dates[row] + " " + places[row]);
      EXPECT_EQ(answers.at(row, "status"), to_string(expected.status()));
      EXPECT_EQ(answers.at(row, "task_id"), expected.task_id());
      EXPECT_EQ(answers.at(row, "owner_level"), expected.owner_level());
      EXPECT_EQ(answers.at(row, "owner_department"), expected.owner_department());
      for (std::size_t level = 0; level < book().levels().size(); ++level)
        EXPECT_EQ(answers.at(row, "role_" + book().levels()[level].id), role_text(expected, level));
      EXPECT_EQ(answers.at(row, "error"), "");
      const std::string entries = answers.at(row, "entries");
      EXPECT_EQ(entries.empty() ? 0U : std::count(entries.begin(), entries.end(), ',') + 1U,
                expected.entry_count());
    }
  }

  static inline Rulebook* book_ = nullptr;
};

const std::vector<std::string> sample_tasks{"HS-01", "核酸筛查", "ZM-01", "HS-01", "no such task"};
const std::vector<std::string> sample_dates{"2022-04-15", "2022-04-15", "2024-09-01", "2023-01-08",
                                            "2024-01-01"};
const std::vector<std::string> sample_places{"徐练村", "徐练村", "练塘镇/徐练村", "徐练村",
                                             "徐练村"};

std::vector<std::optional<std::string>> texts(const std::vector<std::string>& values) {
  return {values.begin(), values.end()};
}

std::int64_t days_of(const std::string& date) {
  return std::chrono::sys_days(*parse_iso_date(date)).time_since_epoch().count();
}

std::vector<std::optional<std::int64_t>> numbers(const std::vector<std::string>& dates,
                                                 std::int64_t per_day, std::int64_t plus = 0) {
  std::vector<std::optional<std::int64_t>> values;
  for (const std::string& date : dates) values.emplace_back(days_of(date) * per_day + plus);
  return values;
}

TEST_F(Columnar, TextDatesGiveTheSameAnswersAsTheRulebook) {
  OwnerQueryColumns query;
  query.mode = Parameter::value("emergency");
  expect_same_as_answer(ask(book(),
                            {{"task", NANOARROW_TYPE_STRING, texts(sample_tasks)},
                             {"at", NANOARROW_TYPE_STRING, texts(sample_dates)},
                             {"jurisdiction", NANOARROW_TYPE_STRING, texts(sample_places)}},
                            query),
                        sample_tasks, sample_dates, sample_places, "emergency");
}

TEST_F(Columnar, EveryTextAndDateTypeGivesTheSameAnswers) {
  const std::vector<Column> date_columns{
      {"at", NANOARROW_TYPE_DATE32, {}, numbers(sample_dates, 1)},
      {"at", NANOARROW_TYPE_DATE64, {}, numbers(sample_dates, 86'400'000)},
      {"at",
       NANOARROW_TYPE_TIMESTAMP,
       {},
       numbers(sample_dates, 86'400'000'000, 3'600'000'000),
       NANOARROW_TIME_UNIT_MICRO},
      // 20:00 UTC the day before is the day itself in Shanghai
      {"at",
       NANOARROW_TYPE_TIMESTAMP,
       {},
       numbers(sample_dates, 86'400, -4 * 3'600),
       NANOARROW_TIME_UNIT_SECOND,
       "Asia/Shanghai"},
      {"at",
       NANOARROW_TYPE_TIMESTAMP,
       {},
       numbers(sample_dates, 86'400'000, -4 * 3'600'000),
       NANOARROW_TIME_UNIT_MILLI,
       "+08:00"},
  };
  for (ArrowType text_type :
       {NANOARROW_TYPE_STRING, NANOARROW_TYPE_LARGE_STRING, NANOARROW_TYPE_STRING_VIEW}) {
    for (bool dictionary : {false, true}) {
      if (dictionary && text_type == NANOARROW_TYPE_STRING_VIEW) continue;
      for (const Column& at : date_columns) {
        SCOPED_TRACE(std::string(ArrowTypeString(text_type)) + (dictionary ? " dictionary " : " ") +
                     ArrowTypeString(at.type) + " " + at.zone);
        expect_same_as_answer(
            ask(book(),
                {{"task", text_type, texts(sample_tasks), {}, {}, {}, dictionary},
                 at,
                 {"jurisdiction", text_type, texts(sample_places), {}, {}, {}, dictionary}}),
            sample_tasks, sample_dates, sample_places);
      }
    }
  }
}

TEST_F(Columnar, ARowWithANullOrBadValueGetsItsErrorAndTheOthersTheirAnswers) {
  const Answers answers = ask(
      book(), {{"task", NANOARROW_TYPE_STRING, {"HS-01", std::nullopt, "HS-01", "HS-01", "HS-01"}},
               {"at",
                NANOARROW_TYPE_STRING,
                {"2022-04-15", "2022-04-15", "2022-02-30", std::nullopt, "2022-04-15"}},
               {"jurisdiction",
                NANOARROW_TYPE_STRING,
                {"徐练村", "徐练村", "徐练村", "徐练村", "没有这个村"}}});
  ASSERT_EQ(answers.rows.size(), 5U);
  EXPECT_EQ(answers.at(0, "status"), "unlisted");  // listed only in emergency mode
  EXPECT_EQ(answers.at(0, "error"), "");
  EXPECT_EQ(answers.at(1, "error"), "the task is missing in this row [QA004]");
  EXPECT_EQ(answers.at(2, "error"),
            "bad date '2022-02-30' for 'at': expected a calendar date as YYYY-MM-DD [QU001]");
  EXPECT_EQ(answers.at(3, "error"), "the date is missing in this row [QA004]");
  EXPECT_NE(answers.at(4, "error").find("[QQ001]"), std::string::npos);
  for (std::size_t row = 1; row < 5; ++row) {
    EXPECT_EQ(answers.at(row, "status"), "");
    EXPECT_EQ(answers.at(row, "task_id"), "");
  }
  EXPECT_EQ(answers.at(0, "task_id"), "HS-01");
}

TEST_F(Columnar, ADictionaryIndexOutsideItsDictionaryIsAMissingValue) {
  nanoarrow::UniqueArrayStream input =
      stream_of({{"task", NANOARROW_TYPE_STRING, {"HS-01", "ZM-01"}, {}, {}, {}, true},
                 {"at", NANOARROW_TYPE_STRING, {"2022-04-15", "2024-09-01"}, {}, {}, {}, true},
                 {"jurisdiction", NANOARROW_TYPE_STRING, {"徐练村", "徐练村"}}});
  nanoarrow::UniqueSchema schema;
  ASSERT_EQ(ArrowArrayStreamGetSchema(input.get(), schema.get(), nullptr), NANOARROW_OK);
  nanoarrow::UniqueArray batch;
  ASSERT_EQ(ArrowArrayStreamGetNext(input.get(), batch.get(), nullptr), NANOARROW_OK);
  // A producer's damaged indices: past the dictionary's end, and negative.
  static_cast<std::int32_t*>(const_cast<void*>(batch->children[0]->buffers[1]))[0] = 99;
  static_cast<std::int32_t*>(const_cast<void*>(batch->children[1]->buffers[1]))[1] = -3;
  nanoarrow::UniqueArrayStream damaged;
  ASSERT_EQ(ArrowBasicArrayStreamInit(damaged.get(), schema.get(), 1), NANOARROW_OK);
  ArrowBasicArrayStreamSetArray(damaged.get(), 0, batch.get());
  nanoarrow::UniqueArrayStream output;
  open_owner_stream(book(), damaged.get(), {}, output.get());
  const Answers answers = read_all(output.get());
  EXPECT_EQ(answers.at(0, "error"), "the task is missing in this row [QA004]");
  EXPECT_EQ(answers.at(1, "error"), "the date is missing in this row [QA004]");
}

TEST_F(Columnar, ATimestampAtEitherEndOfTimeIsABadDate) {
  const Answers answers =
      ask(book(),
          {{"task", NANOARROW_TYPE_STRING, {"HS-01", "HS-01"}},
           {"at",
            NANOARROW_TYPE_TIMESTAMP,
            {},
            {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()},
            NANOARROW_TIME_UNIT_SECOND,
            "+08:00"},
           {"jurisdiction", NANOARROW_TYPE_STRING, {"徐练村", "徐练村"}}});
  for (std::size_t row = 0; row < 2; ++row)
    EXPECT_TRUE(answers.at(row, "error").ends_with("[QU001]")) << answers.at(row, "error");
}

TEST_F(Columnar, ErrorsAreWordedInTheLanguageAsked) {
  OwnerQueryColumns query;
  query.language = Language::zh;
  const Answers answers =
      ask(book(),
          {{"task", NANOARROW_TYPE_STRING, {std::nullopt, "HS-01"}},
           {"at", NANOARROW_TYPE_DATE32, {}, {days_of("2022-04-15"), days_of("2022-04-15")}},
           {"jurisdiction", NANOARROW_TYPE_STRING, {"徐练村", "没有这个村"}}},
          query);
  EXPECT_EQ(answers.at(0, "error"), "此行缺少事项 [QA004]");
  EXPECT_NE(answers.at(1, "error").find("未知的辖区"), std::string::npos) << answers.at(1, "error");
}

TEST_F(Columnar, AnUnknownTaskIsStatusUnknownWithNoEntries) {
  const Answers answers = ask(book(), {{"task", NANOARROW_TYPE_STRING, {"没有这件事"}},
                                       {"at", NANOARROW_TYPE_DATE32, {}, {days_of("2024-01-01")}},
                                       {"jurisdiction", NANOARROW_TYPE_STRING, {"徐练村"}}});
  EXPECT_EQ(answers.at(0, "status"), "unknown");
  EXPECT_EQ(answers.at(0, "entries"), "");
  EXPECT_EQ(answers.at(0, "error"), "");
}

TEST_F(Columnar, ValuesForEveryRowAndTheChosenRolesAndKeptColumns) {
  OwnerQueryColumns query;
  query.at = Parameter::value("2022-04-15");
  query.jurisdiction = Parameter::value("徐练村");
  query.mode = Parameter::value("emergency");
  query.roles = std::vector<std::string>{"村居", "district"};
  query.keep.names = {"order"};
  query.fingerprint = true;
  const Answers answers = ask(book(),
                              {{"order", NANOARROW_TYPE_INT64, {}, {7, 8}},
                               {"task", NANOARROW_TYPE_STRING, {"HS-01", "核酸筛查"}}},
                              query);
  EXPECT_EQ(answers.names, (std::vector<std::string>{
                               "order", "status", "task_id", "owner_level", "owner_department",
                               "role_village", "role_district", "entries", "error", "rulebook"}));
  EXPECT_EQ(answers.at(0, "order"), "7");
  EXPECT_EQ(answers.at(1, "order"), "8");
  EXPECT_EQ(answers.at(0, "role_village"), "assists");
  EXPECT_EQ(answers.at(0, "owner_level"), "district");
  EXPECT_EQ(answers.at(0, "entries"), "X-07");
  EXPECT_EQ(answers.at(1, "rulebook"), book().fingerprint());
  EXPECT_EQ(answers.metadata_fingerprint, book().fingerprint());
}

TEST_F(Columnar, MistakesInTheRequestAreRefusedBeforeTheFirstBatch) {
  auto refused = [&](const std::vector<Column>& columns, const OwnerQueryColumns& query) {
    nanoarrow::UniqueArrayStream input = stream_of(columns);
    nanoarrow::UniqueArrayStream output;
    try {
      open_owner_stream(book(), input.get(), query, output.get());
    } catch (const Error& error) {
      return error.code() + " " + error.diagnostic().message_in(Language::en);
    }
    return std::string("accepted");
  };
  const std::vector<Column> good{{"task", NANOARROW_TYPE_STRING, {"HS-01"}},
                                 {"at", NANOARROW_TYPE_DATE32, {}, {0}},
                                 {"jurisdiction", NANOARROW_TYPE_STRING, {"徐练村"}}};
  OwnerQueryColumns missing;
  missing.task = Parameter::column("事项");
  EXPECT_EQ(refused(good, missing),
            "QA001 no column '事项' for the task; the data has task, at, jurisdiction");
  EXPECT_EQ(refused({{"task", NANOARROW_TYPE_INT64, {}, {1}}, good[1], good[2]}, {}),
            "QA002 column 'task' is int64, which cannot hold the task; it takes text (utf8, "
            "large_utf8, utf8_view, or a dictionary of them)");
  EXPECT_EQ(refused({good[0],
                     {"at",
                      NANOARROW_TYPE_TIMESTAMP,
                      {},
                      {0},
                      NANOARROW_TIME_UNIT_SECOND,
                      "America/New_York"},
                     good[2]},
                    {}),
            "QA003 column 'at' holds timestamps in time zone 'America/New_York'; give dates, "
            "timestamps without a zone, in UTC, at a fixed offset such as +08:00, or in "
            "Asia/Shanghai");
  OwnerQueryColumns clash;
  clash.keep.names = {"status"};
  EXPECT_EQ(refused({good[0], good[1], good[2], {"status", NANOARROW_TYPE_STRING, {"x"}}}, clash)
                .substr(0, 5),
            "QA006");
  OwnerQueryColumns bad_mode;
  bad_mode.mode = Parameter::value("wartime");
  EXPECT_EQ(refused(good, bad_mode).substr(0, 5), "QQ003");
  OwnerQueryColumns bad_place;
  bad_place.jurisdiction = Parameter::value("没有这个村");
  EXPECT_EQ(refused(good, bad_place).substr(0, 5), "QQ001");
  OwnerQueryColumns bad_level;
  bad_level.roles = std::vector<std::string>{"province"};
  EXPECT_EQ(refused(good, bad_level).substr(0, 5), "QQ005");
}

TEST_F(Columnar, KeptColumnsOfASlicedBatchStayWithTheirRows) {
  nanoarrow::UniqueArrayStream whole =
      stream_of({{"order", NANOARROW_TYPE_INT64, {}, {1, 2, 3, 4}},
                 {"task", NANOARROW_TYPE_STRING, {"ZM-01", "HS-01", "没有", "HS-01"}}});
  nanoarrow::UniqueSchema schema;
  ASSERT_EQ(ArrowArrayStreamGetSchema(whole.get(), schema.get(), nullptr), NANOARROW_OK);
  nanoarrow::UniqueArray batch;
  ASSERT_EQ(ArrowArrayStreamGetNext(whole.get(), batch.get(), nullptr), NANOARROW_OK);
  batch->offset = 1;  // rows 2 and 3 of the struct, as a slice exports them
  batch->length = 2;
  nanoarrow::UniqueArrayStream sliced;
  ASSERT_EQ(ArrowBasicArrayStreamInit(sliced.get(), schema.get(), 1), NANOARROW_OK);
  ArrowBasicArrayStreamSetArray(sliced.get(), 0, batch.get());
  OwnerQueryColumns query;
  query.at = Parameter::value("2022-04-15");
  query.jurisdiction = Parameter::value("徐练村");
  query.keep.all = true;
  nanoarrow::UniqueArrayStream output;
  open_owner_stream(book(), sliced.get(), query, output.get());
  const Answers answers = read_all(output.get());
  ASSERT_EQ(answers.rows.size(), 2U);
  EXPECT_EQ(answers.at(0, "order"), "2");
  EXPECT_EQ(answers.at(0, "task_id"), "HS-01");
  EXPECT_EQ(answers.at(1, "order"), "3");
  EXPECT_EQ(answers.at(1, "status"), "unknown");
}

// A producer whose second batch fails.
struct FailingStream {
  static int get_schema(ArrowArrayStream* self, ArrowSchema* out) {
    auto* inner = static_cast<ArrowArrayStream*>(self->private_data);
    return inner->get_schema(inner, out);
  }
  static int get_next(ArrowArrayStream* self, ArrowArray* out) {
    auto* inner = static_cast<ArrowArrayStream*>(self->private_data);
    return inner->get_next(inner, out) == 0 && out->release != nullptr ? 0 : EIO;
  }
  static const char* last_error(ArrowArrayStream*) { return "the disk went away"; }
  static void release(ArrowArrayStream* self) {
    auto* inner = static_cast<ArrowArrayStream*>(self->private_data);
    ArrowArrayStreamRelease(inner);
    delete inner;
    self->release = nullptr;
  }
};

TEST_F(Columnar, TheInputsFailureReachesTheReader) {
  auto* inner = new ArrowArrayStream;
  nanoarrow::UniqueArrayStream good =
      stream_of({{"task", NANOARROW_TYPE_STRING, {"HS-01"}},
                 {"at", NANOARROW_TYPE_DATE32, {}, {days_of("2022-04-15")}},
                 {"jurisdiction", NANOARROW_TYPE_STRING, {"徐练村"}}});
  ArrowArrayStreamMove(good.get(), inner);
  ArrowArrayStream failing{&FailingStream::get_schema, &FailingStream::get_next,
                           &FailingStream::last_error, &FailingStream::release, inner};
  nanoarrow::UniqueArrayStream output;
  open_owner_stream(book(), &failing, {}, output.get());
  nanoarrow::UniqueArray first;
  ASSERT_EQ(output->get_next(output.get(), first.get()), 0);
  EXPECT_EQ(first->length, 1);
  nanoarrow::UniqueArray second;
  EXPECT_EQ(output->get_next(output.get(), second.get()), EIO);
  EXPECT_STREQ(output->get_last_error(output.get()), "the disk went away");
}

TEST_F(Columnar, FreeTextsAreReadAsReadReadsThem) {
  const std::vector<std::optional<std::string>> texts{"开具亲属关系证明", "群租整治", std::nullopt,
                                                      "xyzzy", "群租整治"};
  for (bool dictionary : {false, true}) {
    nanoarrow::UniqueArrayStream input =
        stream_of({{"text", NANOARROW_TYPE_STRING, texts, {}, {}, {}, dictionary}});
    nanoarrow::UniqueArrayStream output;
    ReadingColumns columns;
    columns.keep.all = true;
    open_reading_stream(book(), input.get(), columns, output.get());
    const Answers answers = read_all(output.get());
    ASSERT_EQ(answers.rows.size(), texts.size());
    for (std::size_t row = 0; row < texts.size(); ++row) {
      if (!texts[row]) {
        EXPECT_EQ(answers.at(row, "error"), "the text is missing in this row [QA004]");
        continue;
      }
      const Reading reading = book().read(*texts[row]);
      EXPECT_EQ(answers.at(row, "reading"), to_string(reading.status)) << *texts[row];
      EXPECT_EQ(answers.at(row, "task_id"), reading.task() ? reading.task()->task.id : "");
      std::string ids;
      for (const Candidate& candidate : reading.candidates)
        ids += (ids.empty() ? "" : ",") + candidate.task.id;
      EXPECT_EQ(answers.at(row, "candidates"), ids);
    }
  }
}

}  // namespace
}  // namespace qingdan::columnar
