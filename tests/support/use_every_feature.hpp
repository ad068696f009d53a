#pragma once

// What the snapshot tests and the snapshot fuzz target do with a rulebook that loaded.
#include <cstdint>
#include <string>
#include <vector>

#include <qingdan/qingdan.hpp>
#include "answer/internals.hpp"

namespace qingdan::testing {

inline void ask_each_task(const Rulebook& book) {
  const detail::Model& model = detail::Internals::model(book);
  for (const detail::EditionRecord& edition : model.editions)
    for (std::uint32_t node = 0; node < model.jurisdictions.size(); ++node)
      for (const std::string& mode : model.mode_ids()) {
        Query query{edition.effective, model.jurisdictions.node(node).path, mode};
        std::vector<Decision> decisions;
        for (const detail::TaskRecord& task : model.tasks) {
          decisions.push_back(book.owner(task.id, query));
          (void)decisions.back().explain();
          (void)book.answer(task.name, query);
        }
        decisions.push_back(book.owner("不在清单里的事项", query));
        (void)to_json(decisions, book.fingerprint());
      }
}

inline void check_a_directive(const Rulebook& book) {
  const detail::Model& model = detail::Internals::model(book);
  Directive directive;
  directive.id = "fuzzed";
  directive.title = "fuzzed";
  directive.issued = model.editions.empty() ? Date{} : model.editions.front().effective;
  for (const detail::TaskRecord& task : model.tasks) {
    DirectiveItem item;
    // Every other item in free text around the task's name, so that it is read.
    item.task = directive.items.size() % 2 ? "请各村做好" + task.name + "工作" : task.id;
    item.frequency = {"monthly", 1};
    item.effort_hours = 1;
    item.form = Form{task.name, task.aliases};
    directive.items.push_back(std::move(item));
    if (directive.items.size() == 32) break;
  }
  const std::vector<Directive> directives{directive};
  Report report = book.check(directives);
  (void)to_text(report);
  (void)to_json(report);
  (void)to_html(report);
}

// Everything a user can ask of a loaded rulebook, with every output format: what a damaged or
// hostile rulebook that loads must survive. Nothing is checked; sanitizers and the caller are
// the judges.
inline void use_every_feature(const Rulebook& book) {
  ask_each_task(book);
  (void)to_json(run_rule_tests(book));
  (void)to_json(book.find_tasks(""), book.fingerprint());
  (void)to_json(book.find_tasks("证明"), book.fingerprint());
  for (const detail::EditionRecord& from : detail::Internals::model(book).editions)
    for (const detail::EditionRecord& to : detail::Internals::model(book).editions)
      (void)to_json(book.diff(from.effective, to.effective));
  check_a_directive(book);
  for (const detail::TaskRecord& task : detail::Internals::model(book).tasks) {
    (void)to_json(std::vector<Reading>{book.read("请各村落实" + task.name)}, book.fingerprint());
    for (const std::string& keyword : task.keywords)
      (void)to_json(std::vector<Reading>{book.read(keyword + "相关工作")}, book.fingerprint());
  }
}

}  // namespace qingdan::testing
