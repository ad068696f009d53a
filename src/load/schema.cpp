#include "load/schema.hpp"

#include <qingdan/detail/phrases.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

#include <qingdan/detail/control_characters.hpp>
#include <qingdan/detail/spelling.hpp>

#include "load/typing_slips.hpp"

namespace qingdan::detail {

void SchemaReader::type_error(const YamlNode& node, std::string_view key, Message expected) {
  type_error(node, key, Phrase(expected));
}

void SchemaReader::type_error(const YamlNode& node, std::string_view key, Phrase expected) {
  // Where a list, a mapping, a number or a date belongs, a text of "－ 甲 － 乙" is a list whose
  // dashes were typed full-width.
  if (node.is_scalar() && node.text.starts_with(full_width_dash) && typing_slip(node)) return;
  error(node.position, Code::wrong_type, Message::must_be_type,
        {{"key", key}, {"expected", std::move(expected)}, {"found", found(node)}});
}

bool SchemaReader::typing_slip(const YamlNode& node) {
  if (!node.is_scalar() || !node.plain || paths_) return false;  // fields were never typed as YAML
  std::optional<TypingSlip> slip;
  const std::string_view after_dash =
      std::string_view(node.text).substr(std::min(node.text.size(), full_width_dash.size()));
  if (node.text.starts_with(full_width_dash) &&
      (after_dash.starts_with(' ') || after_dash.starts_with(ideographic_space)))
    slip = TypingSlip{SlipKind::dash, source_.offset_of(node.position)};  // "－ 甲" for "- 甲"
  else if (node.text.find(full_width_colon) != std::string::npos)  // "name：防汛" for "name: 防汛"
    slip = TypingSlip{SlipKind::colon,
                      source_.text().find(full_width_colon, source_.offset_of(node.position))};
  if (!slip || slip->offset == std::string_view::npos) return false;
  diagnostics_.add(slip_diagnostic(source_, *slip));
  return true;
}

bool SchemaReader::is_mapping(const YamlNode& node, const Phrase& what) {
  if (node.is_mapping()) return true;
  if (typing_slip(node)) return false;
  error(node.position, Code::wrong_type, Message::must_be_mapping,
        {{"what", what}, {"found", found(node)}});
  return false;
}

bool SchemaReader::is_list(const YamlNode& node, std::string_view key, Message items) {
  if (node.is_sequence()) return true;
  type_error(node, key, Phrase(Message::type_list_of, {{"items", Phrase(items)}}));
  return false;
}

void SchemaReader::check_keys(const YamlNode& mapping, const std::vector<std::string_view>& allowed,
                              const Phrase& what,
                              const std::vector<std::pair<std::string_view, Phrase>>& elsewhere) {
  for (const YamlNode::Member& member : mapping.members) {
    const std::string& key = member.key->text;
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    auto belongs = std::find_if(elsewhere.begin(), elsewhere.end(),
                                [&](const auto& pair) { return pair.first == key; });
    if (belongs != elsewhere.end()) {
      error(member.key->position, Code::unknown_key, Message::key_belongs_elsewhere,
            {{"key", key}, {"what", what}, {"where", belongs->second}});
      continue;
    }
    error(member.key->position, Code::unknown_key, Message::unknown_key,
          {{"key", key}, {"what", what}, {"hint", did_you_mean_phrase(key, allowed)}});
  }
}

const YamlNode* SchemaReader::require(const YamlNode& mapping, std::string_view key,
                                      const Phrase& what) {
  if (const YamlNode* value = mapping.find(key)) return value;
  error(mapping.position, Code::missing_key, Message::missing_key, {{"what", what}, {"key", key}});
  return nullptr;
}

std::optional<std::string> SchemaReader::text(const YamlNode& node, std::string_view key) {
  if (!node.is_scalar()) {
    type_error(node, key, Message::type_text);
    return std::nullopt;
  }
  if (auto control = first_control_character(node.text, true)) {
    error(node.position, Code::wrong_type, Message::text_has_control_character,
          {{"key", key}, {"character", *control}});
    return std::nullopt;
  }
  return node.text;
}

std::optional<std::string> SchemaReader::name(const YamlNode& node, std::string_view key) {
  if (node.is_scalar())
    if (auto control = first_control_character(node.text, false)) {
      error(node.position, Code::wrong_type, Message::name_has_control_character,
            {{"key", key}, {"character", *control}});
      return std::nullopt;
    }
  auto value = text(node, key);
  if (value && value->find_first_not_of(" ") == std::string::npos) {
    error(node.position, Code::wrong_type, Message::must_not_be_empty, {{"key", key}});
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> SchemaReader::integer(const YamlNode& node, std::string_view key) {
  std::int64_t value = 0;
  if (node.is_scalar() && node.plain) {
    const char* end = node.text.data() + node.text.size();
    auto [stop, failure] = std::from_chars(node.text.data(), end, value);
    if (failure == std::errc() && stop == end) return value;
  }
  type_error(node, key, Message::type_whole_number);
  return std::nullopt;
}

std::optional<std::uint32_t> SchemaReader::count(const YamlNode& node, std::string_view key,
                                                 std::uint32_t least, std::uint32_t most) {
  auto value = integer(node, key);
  if (!value) return std::nullopt;
  if (*value < least || *value > most) {
    error(node.position, Code::wrong_type, Message::whole_number_out_of_range,
          {{"key", key},
           {"least", std::to_string(least)},
           {"most", std::to_string(most)},
           {"found", node.text}});
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*value);
}

std::optional<double> SchemaReader::number(const YamlNode& node, std::string_view key,
                                           double maximum) {
  double value = 0;
  if (node.is_scalar() && node.plain) {
    const char* end = node.text.data() + node.text.size();
    auto [stop, failure] = std::from_chars(node.text.data(), end, value);
    if (failure == std::errc() && stop == end && std::isfinite(value)) {
      if (value <= maximum) return value;
      error(node.position, Code::wrong_type, Message::must_be_at_most,
            {{"key", key}, {"maximum", shortest_number_text(maximum)}, {"found", node.text}});
      return std::nullopt;
    }
  }
  type_error(node, key, Message::type_number);
  return std::nullopt;
}

std::optional<bool> SchemaReader::boolean(const YamlNode& node, std::string_view key) {
  if (node.is_scalar() && node.plain && (node.text == "true" || node.text == "false"))
    return node.text == "true";
  type_error(node, key, Message::type_boolean);
  return std::nullopt;
}

std::optional<Date> SchemaReader::date(const YamlNode& node, std::string_view key) {
  if (!node.is_scalar()) {
    type_error(node, key, Message::type_date);
    return std::nullopt;
  }
  if (auto parsed = parse_iso_date(node.text)) return parsed;
  error(node.position, Code::bad_date, Message::bad_date, {{"text", node.text}, {"key", key}});
  return std::nullopt;
}

std::optional<std::vector<Located<std::string>>> SchemaReader::names(const YamlNode& node,
                                                                     std::string_view key) {
  if (!node.is_sequence()) {
    type_error(node, key, Message::type_name_list);
    return std::nullopt;
  }
  std::vector<Located<std::string>> values;
  bool complete = true;
  for (const auto& item : node.items) {
    auto value = name(*item, key);
    if (value)
      values.push_back({std::move(*value), item->position});
    else
      complete = false;
  }
  if (!complete) return std::nullopt;
  return values;
}

std::optional<std::string> SchemaReader::choice(const YamlNode& node, std::string_view key,
                                                std::initializer_list<NamedChoice> choices) {
  auto value = text(node, key);
  if (!value) return std::nullopt;
  std::vector<std::string> words;
  std::vector<Phrase> listed;
  for (const NamedChoice& choice : choices) {
    if (*value == choice.id || (!choice.name.empty() && *value == choice.name))
      return std::string(choice.id);
    words.emplace_back(choice.id);
    if (!choice.name.empty()) words.emplace_back(choice.name);
    listed.push_back(level_phrase(choice.id, choice.name));
  }
  error(node.position, Code::not_a_choice, Message::not_one_of,
        {{"key", key},
         {"choices", std::move(listed)},
         {"found", *value},
         {"hint", did_you_mean_phrase(*value, words)}});
  return std::nullopt;
}

}  // namespace qingdan::detail
