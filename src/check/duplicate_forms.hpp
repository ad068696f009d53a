#pragma once

#include <algorithm>
#include <charconv>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/detail/phrases.hpp>
#include <qingdan/detail/string_hash.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/report.hpp>

namespace qingdan::detail {

// A form of an item, with its normalised name and fields, for QD008.
struct CollectedForm {
  ItemRef item;
  const Form* form;
  std::string name;
  std::vector<std::string> fields;        // normalised, sorted, distinct
  std::vector<std::string_view> written;  // each of those fields as first written in the form
};

inline CollectedForm collect_form(const ItemRef& item, const Form& form) {
  CollectedForm collected{item, &form, normalize_text(form.name), {}, {}};
  std::vector<std::pair<std::string, std::string_view>> fields;
  for (const std::string& field : form.fields) {
    std::string normalized = normalize_text(field);
    if (!normalized.empty()) fields.emplace_back(std::move(normalized), field);
  }
  std::stable_sort(fields.begin(), fields.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [normalized, written] : fields) {
    if (!collected.fields.empty() && collected.fields.back() == normalized) continue;
    collected.fields.push_back(std::move(normalized));
    collected.written.push_back(written);
  }
  return collected;
}

// Forms joined into groups; each group is named by its earliest form.
class FormGroups {
 public:
  explicit FormGroups(std::size_t forms) : parent_(forms) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }

  std::size_t group_of(std::size_t form) {
    while (parent_[form] != form) form = parent_[form] = parent_[parent_[form]];
    return form;
  }

  void join(std::size_t a, std::size_t b) {
    a = group_of(a), b = group_of(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

// The fields of `form` that `first` has too, as `form` writes them.
inline std::vector<std::string_view> fields_in_common(const CollectedForm& first,
                                                      const CollectedForm& form) {
  std::vector<std::string_view> shared;
  auto a = first.fields.begin();
  for (std::size_t b = 0; b < form.fields.size() && a != first.fields.end();) {
    if (*a < form.fields[b]) {
      ++a;
    } else if (form.fields[b] < *a) {
      ++b;
    } else {
      shared.push_back(form.written[b]);
      ++a, ++b;
    }
  }
  return shared;
}

// Whether two forms share half their fields or more: Jaccard = shared / together >= 0.5.
inline bool share_half_the_fields(const CollectedForm& a, const CollectedForm& b) {
  std::size_t shared = 0;
  auto x = a.fields.begin(), y = b.fields.begin();
  while (x != a.fields.end() && y != b.fields.end()) {
    if (*x < *y)
      ++x;
    else if (*y < *x)
      ++y;
    else
      ++shared, ++x, ++y;
  }
  std::size_t together = a.fields.size() + b.fields.size() - shared;
  return together > 0 && 2 * shared >= together;
}

// docs/format.md §8.5, QD008: the groups of forms that collect the same data, each in the order
// given; two forms are in one group when they share a name or half their fields (Jaccard >= 0.5),
// or are both in a group with a third. Only groups of two forms or more are returned.
//
// Forms with the same normalised name, and forms with the same set of fields, are joined through
// a hash map without being compared. The remaining sets of fields are compared only with sets
// found through an inverted index, as in PPJoin (Xiao, Wang, Lin and Yu, "Efficient similarity
// joins for near duplicate detection"): sets are taken smallest first, each with its fields
// rarest first; two sets x and y, |y| <= |x|, with Jaccard >= 1/2 share a field among the first
// |x| - ceil(|x| / 2) + 1 of x (the fields x looks up) and the first |y| - ceil(2|y| / 3) + 1 of
// y (the fields y is indexed under), and their sizes are within a factor of two. So a field
// that every form has, such as 姓名, is looked up but indexed only for sets too small to have
// anything rarer: thousands of forms {姓名, X_i} are not compared with each other.
inline std::vector<std::vector<std::size_t>> duplicate_form_groups(
    const std::vector<CollectedForm>& forms) {
  FormGroups groups(forms.size());
  StringViewMap<std::size_t> first_by_name;
  StringMap<std::size_t> first_by_fields;
  std::vector<std::size_t> distinct;  // the first form of each set of fields
  for (std::size_t form = 0; form < forms.size(); ++form) {
    const CollectedForm& collected = forms[form];
    if (!collected.name.empty())
      if (auto [first, added] = first_by_name.try_emplace(collected.name, form); !added)
        groups.join(first->second, form);
    if (collected.fields.empty()) continue;
    std::string key;
    for (const std::string& field : collected.fields)
      key += std::to_string(field.size()) + ':' + field;
    if (auto [first, added] = first_by_fields.try_emplace(std::move(key), form); !added)
      groups.join(first->second, form);
    else
      distinct.push_back(form);
  }

  StringViewMap<std::size_t> frequency;
  for (std::size_t form : distinct)
    for (const std::string& field : forms[form].fields) ++frequency[field];
  std::stable_sort(distinct.begin(), distinct.end(), [&](std::size_t a, std::size_t b) {
    return forms[a].fields.size() < forms[b].fields.size();
  });
  StringViewMap<std::vector<std::size_t>> index;  // a field: the sets with it in their prefix
  std::vector<std::size_t> compared_with(forms.size(), forms.size());
  std::vector<std::string_view> rarest_first;
  for (std::size_t form : distinct) {
    const std::vector<std::string>& fields = forms[form].fields;
    rarest_first.assign(fields.begin(), fields.end());
    std::sort(rarest_first.begin(), rarest_first.end(),
              [&](std::string_view a, std::string_view b) {
                std::size_t in_a = frequency.find(a)->second, in_b = frequency.find(b)->second;
                return in_a != in_b ? in_a < in_b : a < b;
              });
    const std::size_t looked_up = fields.size() - (fields.size() + 1) / 2 + 1;
    const std::size_t indexed = fields.size() - (2 * fields.size() + 2) / 3 + 1;
    for (std::size_t k = 0; k < looked_up; ++k) {
      std::vector<std::size_t>& sets = index[rarest_first[k]];
      for (std::size_t other : sets) {
        if (compared_with[other] == form) continue;
        compared_with[other] = form;
        std::size_t smaller = std::min(fields.size(), forms[other].fields.size());
        std::size_t larger = std::max(fields.size(), forms[other].fields.size());
        if (2 * smaller < larger) continue;  // under half even if all of the smaller were shared
        if (groups.group_of(other) == groups.group_of(form)) continue;
        if (share_half_the_fields(forms[other], forms[form])) groups.join(other, form);
      }
      if (k < indexed) sets.push_back(form);
    }
  }

  std::vector<std::vector<std::size_t>> members(forms.size());
  for (std::size_t form = 0; form < forms.size(); ++form)
    members[groups.group_of(form)].push_back(form);
  std::vector<std::vector<std::size_t>> duplicates;
  for (std::vector<std::size_t>& group : members)
    if (group.size() > 1) duplicates.push_back(std::move(group));
  return duplicates;
}

// docs/format.md §8.5, QD008: one finding for each group of forms that collect the same data, at
// the last form of a directive checked (forms of the ledger are compared, not reported on). The
// finding lists every form of the group with how it compares with the group's first form, so its
// size is linear in the number of forms; the message names the first few.
inline void find_duplicate_forms(const std::vector<CollectedForm>& forms,
                                 std::vector<Finding>& findings) {
  constexpr std::size_t forms_in_message = 5;
  for (const std::vector<std::size_t>& group : duplicate_form_groups(forms)) {
    // A group of the ledger's forms alone was the ledger's to answer for.
    auto last_checked = std::find_if(group.rbegin(), group.rend(),
                                     [&](std::size_t form) { return !forms[form].item.ledger; });
    if (last_checked == group.rend()) continue;
    const CollectedForm& first = forms[group.front()];
    std::vector<FormRef> members;
    Phrase named;
    std::size_t named_count = 0;
    members.reserve(group.size());
    for (std::size_t member : group) {
      const CollectedForm& form = forms[member];
      std::vector<std::string_view> shared = fields_in_common(first, form);
      std::size_t together = first.fields.size() + form.fields.size() - shared.size();
      double jaccard = together == 0 ? 0 : static_cast<double>(shared.size()) / together;
      bool same_name = !first.name.empty() && form.name == first.name;
      members.push_back(
          FormRef{form.item, form.form->name, same_name, shared.size(), together, jaccard});
      if (named_count == forms_in_message) continue;
      Phrase item(form.item.ledger ? Message::ledger_item_label : Message::item_label,
                  {{"directive", form.item.directive}, {"item", std::to_string(form.item.index)}});
      Phrase described(same_name && member != group.front() ? Message::form_of_same_name
                                                            : Message::form_in_group,
                       {{"form", form.form->name}, {"item", std::move(item)}});
      if (member != group.front() && together > 0)
        described = then(
            std::move(described),
            Phrase(Message::sharing_fields_with_first,
                   {{"shared", std::to_string(shared.size())},
                    {"together", std::to_string(together)},
                    {"jaccard", number_text(jaccard)},
                    {"fields", shared.empty() ? Phrase()
                                              : Phrase(Message::fields_list,
                                                       {{"fields", verbatim_list(shared)}})}}));
      named = named_count == 0 ? std::move(described)
                               : then(std::move(named), then(Phrase(Message::form_separator, {}),
                                                             std::move(described)));
      ++named_count;
    }
    const std::size_t unnamed = group.size() - named_count;
    Phrase message(Message::finding_forms_collect_same_data,
                   {{"count", std::to_string(group.size())},
                    {"forms", std::move(named)},
                    {"more", unnamed == 0 ? Phrase()
                                          : Phrase(Message::more_forms,
                                                   {{"count", std::to_string(unnamed)}})}});
    findings.push_back(Finding{FindingCode::duplicate_collection,
                               severity_of(FindingCode::duplicate_collection),
                               forms[*last_checked].item,
                               std::move(members),
                               std::nullopt,
                               {},
                               {},
                               std::nullopt,
                               std::move(message)});
  }
}

}  // namespace qingdan::detail
