#pragma once

// The fields of each part of a Model, in snapshot order, written once for both directions:
// `Stream` is SnapshotWriter (parts are const) or SnapshotReader.
#include <qingdan/detail/model.hpp>

#include "snapshot/snapshot_stream.hpp"

namespace qingdan::detail::snapshot {

template <class Stream, class Part>
void io_level(Stream& s, Part& level) {
  s.io(level.id);
  s.io(level.name);
  s.io_each(level.aliases);
}

template <class Stream, class Part>
void io_kind(Stream& s, Part& kind) {
  io_level(s, kind);
  s.io(kind.level);
  s.io_each(kind.suffixes);
}

template <class Stream, class Part>
void io_task(Stream& s, Part& task) {
  s.io(task.id);
  s.io(task.name);
  s.io_each(task.aliases);
  s.io_each(task.keywords);
  s.io(task.category);
  s.io_each(task.normalized_texts);
}

template <class Stream, class Part>
void io_entry(Stream& s, Part& entry) {
  s.io(entry.id);
  s.io(entry.task);
  s.io(entry.category);
  s.io(entry.owner_level);
  s.io(entry.owner_department);
  s.io(entry.levels);
  s.io(entry.requires_funding);
  s.io(entry.requires_approval);
  s.io(entry.modes);
  s.io(entry.kinds);
  s.io(entry.max_per_month);
  s.io(entry.basis);
  s.io(entry.note);
  s.io(entry.statutory_frequency);
  s.io(entry.statutory_basis);
  s.io(entry.line);
  s.io(entry.column);
}

template <class Stream, class Part>
void io_edition(Stream& s, Part& edition) {
  s.io(edition.list);
  s.io(edition.jurisdiction);
  s.io(edition.version);
  s.io(edition.effective);
  s.io(edition.until);
  s.io(edition.title);
  s.io(edition.source);
  s.io(edition.illustrative);
  s.io(edition.file);
  s.io(edition.line);
  s.io_each(edition.entries, [&](auto& entry) { io_entry(s, entry); });
}

template <class Stream, class Part>
void io_expectation(Stream& s, Part& expect) {
  s.io(expect.status);
  s.io(expect.owner_level);
  s.io(expect.owner_department);
  s.io(expect.roles);
  s.io_each(expect.entries);
}

template <class Stream, class Part>
void io_test_case(Stream& s, Part& test) {
  s.io(test.name);
  s.io(test.task);
  s.io(test.at);
  s.io(test.jurisdiction);
  s.io(test.mode);
  io_expectation(s, test.expect);
  s.io(test.file);
  s.io(test.line);
}

template <class Stream, class Part>
void io_approval(Stream& s, Part& approval) {
  s.io(approval.id);
  s.io(approval.task);
  s.io(approval.category);
  s.io(approval.jurisdiction);
  s.io(approval.levels);
  s.io(approval.from);
  s.io(approval.until);
  s.io(approval.max_per_month);
  s.io(approval.funding);
  s.io(approval.issuer);
  s.io(approval.note);
  s.io(approval.illustrative);
  s.io(approval.file);
  s.io(approval.line);
}

template <class Stream, class Part>
void io_mode_rules(Stream& s, Part& rules) {
  s.io(rules.approval_after);
  s.io(rules.report_within_days);
  s.io(rules.sunset_days);
}

template <class Stream, class Part>
void io_cap(Stream& s, Part& cap) {
  s.io(cap.level);
  s.io(cap.type);
  s.io(cap.per_year);
}

}  // namespace qingdan::detail::snapshot
