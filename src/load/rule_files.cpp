#include "load/rule_files.hpp"

#include "load/source_text.hpp"

#include <algorithm>
#include <system_error>

namespace qingdan::detail {

namespace fs = std::filesystem;

namespace {

bool is_rule_file_name(const std::string& name) {
  return name.ends_with(".yaml") || name.ends_with(".yml");
}

bool is_inside(const fs::path& path, const fs::path& root) {
  auto [root_end, path_at] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

class Walker {
 public:
  Walker(const fs::path& root, const std::string& display_folder, const LoadOptions& options,
         Diagnostics& diagnostics)
      : root_(root),
        display_folder_(display_folder),
        options_(options),
        diagnostics_(diagnostics) {}

  void walk(const fs::path& directory, const std::string& relative) {
    std::error_code failure;
    fs::path real = fs::canonical(directory, failure);
    if (failure) return cannot_read(relative, failure);
    if (std::find(ancestors_.begin(), ancestors_.end(), real) != ancestors_.end())
      return report(relative, Code::bad_symbolic_link, Message::symlink_loop);
    ancestors_.push_back(real);
    for (fs::directory_iterator it(directory, failure), end; !failure && it != end && !over_limit_;
         it.increment(failure))
      visit(*it, relative);
    ancestors_.pop_back();
    if (failure) cannot_read(relative, failure);
  }

  std::vector<RuleFile> take() {
    std::sort(files_.begin(), files_.end(),
              [](const RuleFile& a, const RuleFile& b) { return a.relative < b.relative; });
    return std::move(files_);
  }

 private:
  void visit(const fs::directory_entry& child, const std::string& parent) {
    std::string name = child.path().filename().string();
    std::string relative = parent.empty() ? name : parent + '/' + name;
    std::error_code failure;
    if (child.is_symlink(failure)) {
      fs::path target = fs::canonical(child.path(), failure);
      if (failure == std::errc::too_many_symbolic_link_levels && is_rule_file_name(name))
        return report(relative, Code::bad_symbolic_link, Message::symlink_loop);
      if (failure) {
        if (is_rule_file_name(name))
          diagnostics_.warning(display(relative), {}, Code::bad_symbolic_link,
                               Message::symlink_broken);
        return;
      }
      if (!is_inside(target, root_))
        return report(relative, Code::bad_symbolic_link, Message::symlink_outside,
                      {{"target", printable_name(target.string())}});
    }
    if (child.is_directory(failure)) return walk(child.path(), relative);
    if (!child.is_regular_file(failure) || !is_rule_file_name(name)) return;
    if (auto invalid = first_invalid_utf8(relative))
      return report(relative, Code::not_utf8, Message::file_name_not_utf8,
                    {{"byte", hex_byte(relative[*invalid])}});
    if (files_.size() >= options_.max_files) {  // said once, for the folder; nothing more is read
      over_limit_ = true;
      files_.clear();
      return report("", Code::not_a_rulebook, Message::too_many_files,
                    {{"limit", std::to_string(options_.max_files)}});
    }
    files_.push_back(RuleFile{child.path(), relative, display(relative)});
  }

  std::string display(const std::string& relative) const {
    return printable_name((fs::path(display_folder_) / relative).generic_string());
  }

  void report(const std::string& relative, Code code, Message id,
              std::vector<Phrase::Argument> arguments = {}) {
    diagnostics_.error(relative.empty() ? display_folder_ : display(relative), {}, code, id,
                       std::move(arguments));
  }
  void cannot_read(const std::string& relative, const std::error_code& failure) {
    report(relative, Code::cannot_read, Message::cannot_read_folder_because,
           {{"reason", failure.message()}});
  }

  fs::path root_;
  const std::string& display_folder_;
  const LoadOptions& options_;
  Diagnostics& diagnostics_;
  std::vector<fs::path> ancestors_;  // canonical folders being walked, to catch loops
  std::vector<RuleFile> files_;
  bool over_limit_ = false;
};

}  // namespace

std::vector<RuleFile> list_rule_files(const fs::path& folder, const std::string& display_folder,
                                      const LoadOptions& options, Diagnostics& diagnostics) {
  std::error_code failure;
  if (!fs::is_directory(folder, failure)) {
    diagnostics.error(
        display_folder, {}, Code::not_a_rulebook,
        fs::exists(folder, failure) ? Message::not_a_folder : Message::no_such_folder);
    return {};
  }
  fs::path root = fs::canonical(folder, failure);
  if (failure) {
    diagnostics.error(display_folder, {}, Code::cannot_read, Message::cannot_read_folder_because,
                      {{"reason", failure.message()}});
    return {};
  }
  Walker walker(root, display_folder, options, diagnostics);
  walker.walk(root, "");
  return walker.take();
}

std::string sha256sum_line(std::string_view digest_hex, std::string_view relative_path) {
  bool escaped = relative_path.find_first_of("\\\n") != std::string_view::npos;
  std::string line = escaped ? "\\" : "";
  line += digest_hex;
  line += "  ";
  for (char c : relative_path) {
    if (escaped && c == '\\')
      line += "\\\\";
    else if (escaped && c == '\n')
      line += "\\n";
    else
      line += c;
  }
  line += '\n';
  return line;
}

}  // namespace qingdan::detail
