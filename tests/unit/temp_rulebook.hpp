#pragma once

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include <qingdan/qingdan.hpp>

namespace qingdan::testing {

// A rulebook folder written from inline YAML into a fresh temporary directory, removed after.
class TempRulebook {
 public:
  explicit TempRulebook(const std::map<std::string, std::string>& files = {}) {
    static std::atomic<int> counter{0};
    folder_ = std::filesystem::temp_directory_path() /
              ("qingdan-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    for (const auto& [name, text] : files) write(name, text);
  }
  ~TempRulebook() { std::filesystem::remove_all(folder_); }
  TempRulebook(const TempRulebook&) = delete;
  TempRulebook& operator=(const TempRulebook&) = delete;

  void write(const std::string& name, const std::string& text) const {
    std::filesystem::path path = folder_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }

  const std::filesystem::path& folder() const { return folder_; }
  Rulebook load(const LoadOptions& options = {}) const { return Rulebook::load(folder_, options); }

  // The first error of a failed load, with the file named relative to the folder.
  std::optional<Diagnostic> first_diagnostic(const LoadOptions& options = {}) const {
    try {
      Rulebook::load(folder_, options);
    } catch (const Error& error) {
      Diagnostic diagnostic = error.diagnostic();
      diagnostic.file = relative(diagnostic.file);
      return diagnostic;
    }
    return std::nullopt;
  }
  // The same, worded in `language`.
  std::string first_error(const LoadOptions& options = {}, Language language = Language::en) const {
    auto diagnostic = first_diagnostic(options);
    return diagnostic ? diagnostic->to_string(language) : "no error";
  }

  std::string relative(const std::string& file) const {
    std::string prefix = folder_.generic_string() + "/";
    return file.starts_with(prefix) ? file.substr(prefix.size()) : file;
  }

 private:
  std::filesystem::path folder_;
};

// A small four-level rulebook header, and a catalogue, that most tests build on.
inline const char* const levels_yaml = R"(qingdan: 1
kind: rulebook
name: 测试
levels:
  - {id: city, name: 市}
  - {id: district, name: 区}
  - {id: town, name: 街镇}
  - {id: village, name: 村居}
modes: [normal, emergency]
jurisdictions:
  上海市:
    青浦区:
      练塘镇:
        徐练村: {}
        东庄村: {}
      朱家角镇:
        张马村: {}
    浦东新区:
      川沙镇:
        东庄村: {}
)";

inline const char* const tasks_yaml = R"(qingdan: 1
kind: tasks
tasks:
  - {id: HS-01, name: 组织居民参加核酸筛查, aliases: [核酸筛查, 核酸检测组织动员], category: 疫情防控}
  - {id: HS-02, name: 抗原试剂发放与上门回收, category: 疫情防控}
  - {id: ZM-01, name: 开具亲属关系证明, category: 证明事项}
  - {id: ZZ-01, name: 召开村民会议, category: 村民自治}
  - {id: QZ-01, name: 对农村居民未经批准建住宅的处罚}
)";

inline std::string list_yaml(const std::string& header, const std::string& entries) {
  return "qingdan: 1\nkind: list\n" + header + "entries:\n" + entries;
}

}  // namespace qingdan::testing
