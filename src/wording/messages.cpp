// The one catalogue of what qingdan says, in English and Chinese. Each text names its values as
// {placeholders}; both languages use the same ones (a test checks it). Names, ids and keys from
// the rule files are passed in as values and never translated.
#include <charconv>
#include <cmath>
#include <iterator>

#include <qingdan/detail/messages.hpp>
#include <qingdan/phrase.hpp>

namespace qingdan::detail {

namespace {

constexpr MessageText message_catalogue[] = {
    {Message::found_nothing, "nothing", "空值"},
    {Message::found_list, "a list", "列表"},
    {Message::found_mapping, "a mapping", "映射"},
    {Message::found_text, "text '{text}'", "文本 '{text}'"},
    {Message::did_you_mean, " (did you mean '{guess}'?)", "（是否想写 '{guess}'？）"},
    {Message::list_separator, ", ", "、"},

    {Message::cannot_read_file_because, "cannot read file: {reason}", "无法读取文件：{reason}"},
    {Message::cannot_read_file, "cannot read file", "无法读取文件"},
    {Message::cannot_read_folder_because, "cannot read folder: {reason}",
     "无法读取文件夹：{reason}"},
    {Message::file_over_size_limit,
     "file is {size} bytes, over the limit of {limit} (raise LoadOptions::max_file_bytes)",
     "文件有 {size} 字节，超过上限 {limit}（可调高 LoadOptions::max_file_bytes）"},
    {Message::file_grew_while_read, "file grew past the size limit while being read",
     "读取期间文件变大，超过了大小上限"},
    {Message::directive_text_over_size_limit, "directive text is over the size limit",
     "指令文本超过大小上限"},
    {Message::file_is_utf16, "file is UTF-16 encoded; save it as UTF-8",
     "文件是 UTF-16 编码；请另存为 UTF-8"},
    {Message::file_is_utf32, "file is UTF-32 encoded; save it as UTF-8",
     "文件是 UTF-32 编码；请另存为 UTF-8"},
    {Message::file_has_nul, "file contains a NUL byte; expected UTF-8 text",
     "文件含有 NUL 字节；应为 UTF-8 文本"},
    {Message::file_has_lone_carriage_return,
     "a carriage return that ends no line (old Mac line ends); save the file with LF or CRLF "
     "line ends",
     "回车符后没有换行（旧式 Mac 行尾）；请以 LF 或 CRLF 行尾保存文件"},
    {Message::file_has_control_character,
     "file contains the control character {character}; expected text (tabs and line breaks only)",
     "文件含有控制字符 {character}；应为文本（只允许制表符和换行）"},
    {Message::invalid_utf8, "invalid UTF-8 (byte {byte}); save the file as UTF-8",
     "无效的 UTF-8（字节 {byte}）；请将文件另存为 UTF-8"},
    {Message::file_name_not_utf8, "the file name is not valid UTF-8 (byte {byte}); rename the file",
     "文件名不是有效的 UTF-8（字节 {byte}）；请重命名文件"},
    {Message::invalid_yaml, "invalid YAML: {detail}", "YAML 格式错误：{detail}"},
    {Message::text_over_limit,
     "text of {size} bytes is over the limit of {limit} (raise LoadOptions::max_text_bytes)",
     "文本长 {size} 字节，超过上限 {limit}（可调高 LoadOptions::max_text_bytes）"},
    {Message::alias_contains_itself, "an alias may not refer to a node that contains it",
     "别名不能引用包含它自己的节点"},
    {Message::alias_expansion_over_limit,
     "aliases repeat more than {limit} nodes (raise LoadOptions::max_alias_nodes)",
     "别名展开超过 {limit} 个节点（可调高 LoadOptions::max_alias_nodes）"},
    {Message::nesting_over_limit,
     "nesting is deeper than {limit} levels (raise LoadOptions::max_depth)",
     "嵌套超过 {limit} 层（可调高 LoadOptions::max_depth）"},
    {Message::key_not_plain_text, "a mapping key must be plain text, found {found}",
     "映射的键必须是普通文本，这里是{found}"},
    {Message::duplicate_key, "duplicate key '{key}' (first given at line {line})",
     "键 '{key}' 重复（第一次出现在第 {line} 行）"},
    {Message::empty_file, "file is empty; expected a mapping with 'qingdan: 1' and 'kind'",
     "文件为空；应为含有 'qingdan: 1' 和 'kind' 的映射"},
    {Message::second_document, "a rule file holds one YAML document; a second one starts here",
     "一个规则文件只能有一个 YAML 文档；第二个从这里开始"},
    {Message::symlink_loop, "symbolic links form a loop here", "符号链接在这里形成循环"},
    {Message::symlink_broken, "broken symbolic link; the file is skipped",
     "符号链接已失效；跳过该文件"},
    {Message::symlink_outside, "symbolic link leads outside the rulebook folder (to {target})",
     "符号链接指向规则库文件夹之外（{target}）"},
    {Message::too_many_files,
     "the folder holds more than {limit} rule files; none was read (raise LoadOptions::max_files)",
     "文件夹中的规则文件超过 {limit} 个，未读取任何文件（可调高 LoadOptions::max_files）"},
    {Message::not_a_folder,
     "not a folder or a snapshot; a rulebook is a folder, or a snapshot made by qingdan compile",
     "既不是文件夹也不是快照；规则库是一个文件夹，或由 qingdan compile 生成的快照"},
    {Message::no_such_folder, "no such rulebook folder", "规则库文件夹不存在"},
    {Message::no_rulebook_file,
     "no file of kind 'rulebook' in this folder; a rulebook folder needs one (usually "
     "rulebook.yaml) declaring its levels",
     "文件夹中没有 kind 为 'rulebook' 的文件；规则库文件夹需要一个（通常是 "
     "rulebook.yaml）来声明层级"},
    {Message::second_rulebook_file, "a second file of kind 'rulebook'; the first is {first}",
     "第二个 kind 为 'rulebook' 的文件；第一个是 {first}"},
    {Message::unsupported_format_version,
     "unsupported format version {found} for 'qingdan'; supported versions: {supported}",
     "不支持 'qingdan' 的这个格式版本（这里是{found}）；支持的版本：{supported}"},
    {Message::kind_not_part_of_rulebook,
     "a file of kind '{kind}' is not part of a rulebook and is not read",
     "kind 为 '{kind}' 的文件不属于规则库，不会读取"},
    {Message::unknown_kind, "unknown kind '{kind}'; expected rulebook, tasks, list or tests{hint}",
     "未知的 kind '{kind}'；应为 rulebook、tasks、list 或 tests{hint}"},
    {Message::wrong_kind, "expected a file of kind '{expected}', found kind '{kind}'",
     "应为 kind 为 '{expected}' 的文件，实际 kind 为 '{kind}'"},
    {Message::typed_full_width_colon,
     "full-width '：' at {line}:{column}; YAML needs ':' (half-width) and a space after a key",
     "第 {line} 行第 {column} 列是全角“：”；YAML 的键后面需要半角“:”和一个空格"},
    {Message::typed_full_width_comma,
     "full-width '，' at {line}:{column}; YAML needs ',' (half-width) between items written on "
     "one line, as in [a, b] (quote an item if the comma belongs to it)",
     "第 {line} 行第 {column} 列是全角“，”；YAML 在同一行书写的各项之间需要半角“,”，如 [a, b]"
     "（如果逗号属于某一项，请给该项加引号）"},
    {Message::typed_full_width_dash,
     "full-width '－' at {line}:{column}; YAML needs '-' (half-width) and a space to start a list "
     "item",
     "第 {line} 行第 {column} 列是全角“－”；YAML 的列表项要以半角“-”和一个空格开头"},
    {Message::typed_ideographic_space,
     "full-width space (U+3000) at {line}:{column}; YAML indents with half-width spaces",
     "第 {line} 行第 {column} 列是全角空格（U+3000）；YAML 只能用半角空格缩进"},
    {Message::typed_tab, "tab at {line}:{column}; YAML indents with spaces, never with tabs",
     "第 {line} 行第 {column} 列是制表符（Tab）；YAML 只能用空格缩进，不能用 Tab"},
    {Message::file_looks_like_gbk,
     "the file is not UTF-8 (byte {byte}); it looks like GBK (GB18030) — save it as UTF-8{hint}",
     "文件不是 UTF-8 编码（字节 {byte}），看起来是 GBK（GB18030）——请另存为 UTF-8{hint}"},
    {Message::save_csv_as_utf8_in_excel, " (Excel: 另存为 CSV UTF-8)",
     "（Excel：另存为 CSV UTF-8）"},

    {Message::must_be_mapping, "{what} must be a mapping (key: value), found {found}",
     "{what}必须是映射（键: 值），这里是{found}"},
    {Message::must_be_type, "'{key}' must be {expected}, found {found}",
     "'{key}' 必须是{expected}，这里是{found}"},
    {Message::must_not_be_empty, "'{key}' must not be empty", "'{key}' 不能为空"},
    {Message::must_be_greater_than_zero, "'{key}' must be greater than 0", "'{key}' 必须大于 0"},
    {Message::text_has_control_character,
     "'{key}' holds the control character {character}; only tabs and line breaks may stand in a "
     "text",
     "'{key}' 含有控制字符 {character}；文本中只允许制表符和换行"},
    {Message::name_has_control_character,
     "'{key}' holds the control character {character}; a name or id is one line of text",
     "'{key}' 含有控制字符 {character}；名称或编号必须是单行文本"},
    {Message::must_not_be_negative, "'{key}' must not be negative", "'{key}' 不能为负数"},
    {Message::must_be_at_most, "'{key}' must be at most {maximum}, found {found}",
     "'{key}' 不能大于 {maximum}，这里是 {found}"},
    {Message::must_name_a_level, "'{key}' must name at least one level",
     "'{key}' 至少要写一个层级"},
    {Message::must_name_a_mode,
     "'modes' must name at least one mode (leave it out to mean every mode)",
     "'modes' 至少要写一个模式（省略表示所有模式）"},
    {Message::type_text, "text", "文本"},
    {Message::type_whole_number, "a whole number", "整数"},
    {Message::type_number, "a number", "数字"},
    {Message::type_boolean, "true or false", "true 或 false"},
    {Message::type_date, "a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"},
    {Message::type_name_list, "a list such as [a, b]", "形如 [a, b] 的列表"},
    {Message::type_list_of, "a list of {items}", "{items}的列表"},
    {Message::type_requirements, "a list such as [funding, approval]",
     "形如 [funding, approval] 的列表"},
    {Message::type_levels, "a list of {id, name}, top to bottom", "由上到下的 {id, name} 列表"},
    {Message::type_modes, "a list of mode ids, or of mappings with id, name and aliases",
     "模式编号的列表，或含 id、name、aliases 的映射的列表"},
    {Message::key_belongs_elsewhere, "key '{key}' is not allowed in {what}; it belongs to {where}",
     "{what}中不允许键 '{key}'；它属于 {where}"},
    {Message::unknown_key, "unknown key '{key}' in {what}{hint}",
     "{what}中有未知的键 '{key}'{hint}"},
    {Message::missing_key, "{what} is missing the required key '{key}'",
     "{what}缺少必需的键 '{key}'"},
    {Message::bad_date, "bad date '{text}' for '{key}': expected a calendar date as YYYY-MM-DD",
     "'{key}' 的日期 '{text}' 有误：应为 YYYY-MM-DD 格式的日历日期"},
    {Message::not_one_of, "'{key}' must be one of {choices}; found '{found}'{hint}",
     "'{key}' 必须是 {choices} 之一；这里是 '{found}'{hint}"},
    {Message::entry_gives_task_and_category,
     "entry '{entry}' gives both 'task' and 'category'; give one",
     "条目 '{entry}' 同时给出了 'task' 和 'category'；只能给一个"},
    {Message::entry_needs_task_or_category,
     "entry '{entry}' needs a 'task' (a task id) or a 'category'",
     "条目 '{entry}' 需要 'task'（事项编号）或 'category'"},
    {Message::levels_out_of_range,
     "'levels' must list from 2 to 64 levels, top to bottom; found {count}",
     "'levels' 必须由上到下列出 2 到 64 个层级；这里有 {count} 个"},
    {Message::too_many_modes, "a rulebook may declare at most 64 modes",
     "一个规则库最多声明 64 个模式"},
    {Message::one_top_jurisdiction,
     "'jurisdictions' must have exactly one top jurisdiction, found {count}",
     "'jurisdictions' 必须恰好有一个最高辖区，这里有 {count} 个"},
    {Message::jurisdiction_name_with_slash, "jurisdiction name '{name}' must not contain '/'",
     "辖区名称 '{name}' 不能含有 '/'"},
    {Message::jurisdiction_name_empty, "a jurisdiction name must not be empty", "辖区名称不能为空"},
    {Message::jurisdiction_name_padded,
     "jurisdiction name '{name}' must not begin or end with a space; questions could not name it",
     "辖区名称 '{name}' 的开头或结尾不能有空格，否则查询时无法指明它"},
    {Message::noun_qingdan_file, "a qingdan file", "qingdan 文件"},
    {Message::noun_rulebook_file, "a rulebook file", "rulebook 文件"},
    {Message::noun_tasks_file, "a tasks file", "tasks 文件"},
    {Message::noun_list_file, "a list file", "list 文件"},
    {Message::noun_tests_file, "a tests file", "tests 文件"},
    {Message::noun_villages_file, "a villages file", "villages 文件"},
    {Message::noun_directive, "a directive", "指令"},
    {Message::noun_level, "a level", "层级"},
    {Message::noun_mode, "a mode", "模式"},
    {Message::noun_task, "a task", "事项"},
    {Message::noun_entry_of_list, "a {list} entry", "{list} 清单的条目"},
    {Message::noun_entry_named, "entry '{entry}'", "条目 '{entry}' "},
    {Message::noun_item, "an item", "指令事项"},
    {Message::noun_test_case, "a test case", "测试用例"},
    {Message::noun_village, "a village", "村居"},
    {Message::noun_key, "'{key}'", "'{key}' "},
    {Message::noun_jurisdictions_below, "the jurisdictions below '{name}'", "'{name}' 下的辖区"},
    {Message::items_levels, "levels", "层级"},
    {Message::items_tasks, "tasks", "事项"},
    {Message::items_entries, "entries", "条目"},
    {Message::items_test_cases, "test cases", "测试用例"},
    {Message::items_directive_items, "items", "指令事项"},
    {Message::items_village_profiles, "village profiles", "村居概况"},
    {Message::items_synonym_groups, "groups of synonyms", "同义词组"},
    {Message::keys_of_owned_entries, "power and collaboration entries",
     "power 和 collaboration 清单的条目"},
    {Message::keys_of_self_governance_entries, "self_governance entries",
     "self_governance 清单的条目"},
    {Message::keys_of_collaboration_entries, "collaboration entries", "collaboration 清单的条目"},
    {Message::keys_of_negative_entries, "negative entries", "negative 清单的条目"},

    {Message::duplicate_task_id, "duplicate task id '{id}' (first defined at {first})",
     "事项编号 '{id}' 重复（第一次定义于 {first}）"},
    {Message::task_text_only_punctuation,
     "task name or alias '{text}' is only spaces and punctuation; it can never be matched",
     "事项名称或别名 '{text}' 只有空格和标点，永远无法匹配"},
    {Message::task_texts_read_the_same,
     "task {task}'s name or alias '{text}' reads the same as '{other}' of task {other_task} "
     "({first}) once normalised; a text must name one task",
     "事项 {task} 的名称或别名 '{text}' 规范化后与事项 {other_task} 的 '{other}'（{first}）相同；"
     "一个文本只能指一个事项"},
    {Message::task_text_reads_as_id,
     "task {task}'s name or alias '{text}' reads the same as task id '{other}' ({first}) once "
     "normalised; a text must name one task",
     "事项 {task} 的名称或别名 '{text}' 规范化后与事项编号 '{other}'（{first}）相同；"
     "一个文本只能指一个事项"},
    {Message::task_ids_read_the_same,
     "task id '{text}' reads the same as task id '{other}' ({first}) once normalised; a text "
     "must name one task",
     "事项编号 '{text}' 规范化后与事项编号 '{other}'（{first}）相同；一个文本只能指一个事项"},
    {Message::word_only_punctuation,
     "'{text}' is only spaces and punctuation; it can never be matched",
     "'{text}' 只有空格和标点，永远无法匹配"},
    {Message::synonym_group_of_one, "a group of synonyms needs two words or more",
     "同义词组至少要有两个词"},
    {Message::synonym_in_two_groups,
     "'{word}' is in two groups of synonyms (first at {first}); a word must mean one thing",
     "'{word}' 出现在两个同义词组中（第一次在 {first}）；一个词只能有一种含义"},
    {Message::statutory_rhythm_recurs,
     "a statutory rhythm recurs: daily, weekly, monthly, quarterly, yearly or times per period, "
     "not once",
     "法定频次应是周期性的：daily、weekly、monthly、quarterly、yearly 或 times/per 形式，不能是 "
     "once"},
    {Message::reading_word_too_long,
     "'{text}' is longer than {limit} characters; a synonym or generic word is a word",
     "'{text}' 超过 {limit} 个字；同义词和通用词应是一个词"},
    {Message::task_not_in_catalogue, "task '{id}' is not in the task catalogue{hint}",
     "事项 '{id}' 不在事项目录中{hint}"},
    {Message::task_not_in_catalogue_but_named,
     "task '{id}' is not in the task catalogue (it is the name of task {task}; entries name "
     "tasks by id)",
     "事项 '{id}' 不在事项目录中（它是事项 {task} 的名称；条目要用编号指明事项）"},
    {Message::unknown_level, "unknown level '{level}' (levels: {levels}){hint}",
     "未知的层级 '{level}'（层级：{levels}）{hint}"},
    {Message::jurisdiction_deeper_than_levels,
     "jurisdiction '{name}' is deeper than the {count} declared levels",
     "辖区 '{name}' 比声明的 {count} 个层级更深"},
    {Message::unknown_jurisdiction, "unknown jurisdiction '{name}'", "未知的辖区 '{name}'"},
    {Message::unknown_jurisdiction_similar, "unknown jurisdiction '{name}'; similar: {similar}",
     "未知的辖区 '{name}'；相近的有：{similar}"},
    {Message::ambiguous_jurisdiction,
     "jurisdiction '{name}' is ambiguous; it could be: {candidates}",
     "辖区 '{name}' 有歧义，可能是：{candidates}"},
    {Message::unknown_mode, "unknown mode '{mode}' (modes: {modes}){hint}",
     "未知的模式 '{mode}'（模式：{modes}）{hint}"},
    {Message::duplicate_level_id, "duplicate level id '{id}'", "层级编号 '{id}' 重复"},
    {Message::duplicate_mode, "duplicate mode '{mode}'", "模式 '{mode}' 重复"},
    {Message::name_of_two, "'{name}' already names {first}; a name or alias stands for one only",
     "'{name}' 已是 {first} 的名称；一个名称或别名只能指其中一个"},
    {Message::duplicate_entry_id, "duplicate entry id '{id}' in edition {edition}",
     "版本 {edition} 中条目编号 '{id}' 重复"},
    {Message::entries_overlap_in_mode,
     "entries '{first}' (line {line}) and '{second}' both apply to {subject} in mode {modes}; "
     "give them disjoint 'modes'",
     "条目 '{first}'（第 {line} 行）和 '{second}' 在模式 {modes} 下都适用于{subject}；"
     "请给它们不重叠的 'modes'"},
    {Message::subject_task, "task {id}", "事项 {id}"},
    {Message::subject_category, "category {name}", "类别 {name}"},
    {Message::editions_on_same_day,
     "edition {edition} of the {list} list for {place} takes effect on {date}, the same day as "
     "edition {other} ({first})",
     "{place}的 {list} 清单版本 {edition} 于 {date} 生效，与版本 {other}（{first}）同一天"},
    {Message::whole_rulebook, "the whole rulebook", "整个规则库"},
    {Message::until_before_effective, "'until' {until} is before 'effective' {effective}",
     "'until' {until} 早于 'effective' {effective}"},
    {Message::too_many_entries,
     "more than {limit} entries in the rulebook (raise LoadOptions::max_entries)",
     "规则库的条目超过 {limit} 个（可调高 LoadOptions::max_entries）"},
    {Message::category_matches_no_task,
     "no task in the catalogue has category '{category}'; this entry applies to nothing{hint}",
     "事项目录中没有类别为 '{category}' 的事项；这个条目不适用于任何事项{hint}"},
    {Message::test_expects_unknown_entry, "no edition has an entry with id '{id}'",
     "没有哪个版本含有编号为 '{id}' 的条目"},

    {Message::level_assists_but_forbidden,
     "task {task} {name}: {level} {role} by entry {giver} but is forbidden by negative entry "
     "{negative}{place} {dates}, mode {modes}",
     "事项 {task} {name}：{level} 按条目 {giver} 为 {role}，却被负面清单条目 {negative}"
     "禁止{place}，{dates}，模式 {modes}"},
    {Message::in_place, " in {place}", "（{place}）"},
    {Message::from_date_to_date, "from {from} to {to}", "自 {from} 至 {to}"},
    {Message::on_date_onwards, "from {from} on", "自 {from} 起"},

    {Message::bad_date_for_option,
     "bad date '{text}' for {option}: expected a calendar date as YYYY-MM-DD",
     "{option} 的日期 '{text}' 有误：应为 YYYY-MM-DD 格式的日历日期"},
    {Message::bad_month_for_option, "bad month '{text}' for {option}: expected YYYY-MM",
     "{option} 的月份 '{text}' 有误：应为 YYYY-MM 格式"},
    {Message::text_not_utf8, "text is not valid UTF-8", "文本不是有效的 UTF-8"},
    {Message::option_out_of_range,
     "{option} must be a number from {minimum} to {maximum}, found {value}",
     "{option} 必须是 {minimum} 到 {maximum} 之间的数，这里是 {value}"},

    {Message::villages_wrong_file_type,
     "village profiles must be a .csv or .xlsx file, or a .yaml file of kind villages",
     "村居概况必须是 .csv 或 .xlsx 文件，或 kind 为 villages 的 .yaml 文件"},
    {Message::villages_csv_empty, "the file is empty; expected a header row",
     "文件为空；应有表头行"},
    {Message::villages_unknown_column,
     "unknown column '{column}'{hint}; columns: jurisdiction, households, population, staff, "
     "hours_per_month, baseline_hours, note",
     "未知的列 '{column}'{hint}；可用的列：jurisdiction、households、population、staff、"
     "hours_per_month、baseline_hours、note"},
    {Message::villages_no_jurisdiction_column, "the header has no 'jurisdiction' column",
     "表头没有 'jurisdiction' 列"},
    {Message::villages_row_width, "the row has {count} fields, the header {header}",
     "这一行有 {count} 个字段，表头有 {header} 个"},
    {Message::villages_unclosed_quote, "a quoted field is not closed", "引号内的字段没有闭合"},
    {Message::villages_not_a_number, "'{value}' is not a number (column {column})",
     "'{value}' 不是数字（{column} 列）"},
    {Message::villages_duplicate_column,
     "column '{column}' is given twice (first as column {first})",
     "'{column}' 列出现了两次（第一次是第 {first} 列）"},
    {Message::village_needs_jurisdiction, "a village needs its 'jurisdiction' path",
     "村居需要写明 'jurisdiction' 路径"},
    {Message::village_negative_value, "'{column}' must not be negative (village {village})",
     "'{column}' 不能为负数（村居 {village}）"},
    {Message::village_value_too_large,
     "'{column}' must be at most {maximum}, found {value} (village {village})",
     "'{column}' 不能大于 {maximum}，这里是 {value}（村居 {village}）"},
    {Message::village_without_capacity,
     "village {village} has no capacity: give 'hours_per_month', or 'staff' (160 hours each)",
     "村居 {village} 没有工作能力数据：请给出 'hours_per_month'，或 'staff'（每人 160 小时）"},
    {Message::village_listed_twice, "village {village} is listed twice (first at line {line})",
     "村居 {village} 出现了两次（第一次在第 {line} 行）"},
    {Message::village_parent_unknown,
     "village {village}: '{parent}' is not a jurisdiction of the rulebook{hint}",
     "村居 {village}：'{parent}' 不是规则库中的辖区{hint}"},
    {Message::village_nearest_ancestor, "; the nearest known ancestor is {ancestor}",
     "；最近的已知上级是 {ancestor}"},
    {Message::village_wrong_level,
     "village {village} is not at the {level} level (its parent {parent} is a {parent_level})",
     "村居 {village} 不在 {level} 层级（其上级 {parent} 属于 {parent_level} 层级）"},
    {Message::villages_unknown_column_chinese,
     "unknown column '{column}'{hint}; columns: 村居, 户数, 人口, 工作人员, 月工时, 基线工时, 备注 "
     "(or in English: jurisdiction, households, population, staff, hours_per_month, "
     "baseline_hours, note)",
     "未知的列 '{column}'{hint}；可用的列：村居、户数、人口、工作人员、月工时、基线工时、备注"
     "（或英文列名：jurisdiction、households、population、staff、hours_per_month、"
     "baseline_hours、note）"},
    {Message::villages_header_mixes_languages,
     "the header mixes English and Chinese column names: '{first}' (column {first_position}) "
     "and '{column}' (column {position}); name every column in one language",
     "表头混用了英文和中文列名：'{first}'（第 {first_position} 列）和 '{column}'（第 {position} "
     "列）；请统一用一种语言命名各列"},
    {Message::villages_no_village_column, "the header has no '村居' (jurisdiction) column",
     "表头没有 '村居' 列"},

    {Message::finding_forbidden, "{who} must not be given {task}: forbidden by {entry}",
     "不得把 {task} 交给 {who}：{entry}禁止"},
    {Message::finding_wrong_mode,
     "{who} assists with {task} only in mode {modes} ({entry}); this directive is in mode {mode}",
     "{who} 只在模式 {modes} 下协助 {task}（{entry}）；本指令处于模式 {mode}"},
    {Message::finding_misassigned,
     "{task} is the duty of {owner}; the lists give {who} no role in it, so it may not be pushed "
     "down",
     "{task} 是 {owner} 的职责；清单没有给 {who} 任何角色，不得下压"},
    {Message::finding_listed_without_owner,
     "the lists in force on {date}{place} name no owner of {task} and give {who} no role in it",
     "{date}{place}有效的清单没有为 {task} 指定负责层级，也没有给 {who} 任何角色"},
    {Message::finding_unknown_task, "'{task}' is not in the task catalogue",
     "'{task}' 不在事项目录中"},
    {Message::finding_unlisted_task, "{task} is on none of the lists in force on {date}{place}",
     "{task} 不在 {date}{place}有效的任何清单上"},
    {Message::similar_tasks, " (similar: {tasks})", "（相近事项：{tasks}）"},
    {Message::needs_approval_before_sending, "; it needs 准入 approval before it is sent to {who}",
     "；交给 {who} 之前需要经过准入审批"},
    {Message::finding_unfunded,
     "{entry} requires funding to come with {task} (费随事转), but the item brings none",
     "{entry}要求 {task} 费随事转，但该事项没有配套经费"},
    {Message::finding_unapproved,
     "{entry} requires 准入 approval for {task}, but the item is not approved",
     "{entry}要求 {task} 经过准入审批，但该事项未获批准"},
    {Message::finding_over_frequency,
     "the item asks {task} {times} times a month ({frequency}); {entry} allows at most {limit}",
     "该事项要求 {task} 每月 {times} 次（{frequency}）；{entry}最多允许 {limit} 次"},
    {Message::finding_forms_collect_same_data,
     "{count} forms collect the same data: {forms}{more}; collect the data once and share it "
     "(多头征集、重复填写)",
     "{count} 个表单重复采集同一数据：{forms}{more}；数据应一次采集、共享使用（避免多头征集、"
     "重复填写）"},
    {Message::form_in_group, "form {form} ({item})", "表单 {form}（{item}）"},
    {Message::form_of_same_name, "form {form} ({item}) of the same name",
     "同名表单 {form}（{item}）"},
    {Message::sharing_fields_with_first,
     ", sharing {shared} of {together} fields with the first (Jaccard {jaccard}){fields}",
     "，与第一个表单的 {together} 个字段中有 {shared} 个相同（重合度 {jaccard}）{fields}"},
    {Message::form_separator, "; ", "；"},
    {Message::more_forms, "; and {count} more", "；另有 {count} 个"},
    {Message::finding_village_load,
     "village {village} would work {total} of its {capacity} hours a month ({percent} %): "
     "{baseline} already, {added} added{shares}",
     "村居 {village} 每月将工作 {total} 小时，能力为 {capacity} 小时（{percent} %）："
     "原有 {baseline} 小时，新增 {added} 小时{shares}"},
    {Message::most_load_from, "; most from {shares}", "；主要来自 {shares}"},
    {Message::load_share, "{directive} item {item} ({hours} h)",
     "{directive} 第 {item} 项（{hours} 小时）"},
    {Message::cite_entry, "{list} entry {entry} (edition {edition}{illustrative}{place}{basis})",
     "{list}条目 {entry}（版本 {edition}{illustrative}{place}{basis}）"},
    {Message::cite_place, ", {place}", "，{place}"},
    {Message::cite_basis, "; basis {basis}", "；依据 {basis}"},
    {Message::matched_text_id, "id", "编号"},
    {Message::matched_text_name, "name", "名称"},
    {Message::matched_text_alias, "alias", "别名"},
    {Message::matched_text_keyword, "keyword", "关键词"},
    {Message::match_exact, "is its {field} '{text}'", "即{field}“{text}”"},
    {Message::match_contains, "the text contains its {field} '{text}'", "文中含{field}“{text}”"},
    {Message::match_contained, "its {field} '{text}' contains what the text says",
     "{field}“{text}”包含文中所述"},
    {Message::match_similar, "the text shares rare character pairs with its {field} '{text}'",
     "文中与{field}“{text}”有相同的特征字对"},
    {Message::match_synonyms, "; synonyms {pairs}", "；同义词 {pairs}"},
    {Message::candidate_with_confidence, "{task} (confidence {confidence}: {reason})",
     "{task}（置信度 {confidence}：{reason}）"},
    {Message::read_as_task, "'{text}' read as {candidate}", "“{text}”读作 {candidate}"},
    {Message::reading_none, "nothing in the catalogue looks like '{text}'",
     "事项目录中没有与“{text}”相近的事项"},
    {Message::reading_candidates_heading, "'{text}' may mean:", "“{text}”可能指："},
    {Message::reading_other_candidates_heading, "other candidates:", "其他候选："},
    {Message::finding_probably_forbidden,
     "'{text}' may mean {candidate}, which {who} must not be given: forbidden by {entry}{others}",
     "“{text}”可能指 {candidate}，而该事项不得交给 {who}：{entry}禁止{others}"},
    {Message::also_possibly_forbidden, "; it may also mean {tasks}, forbidden too",
     "；另可能指 {tasks}，同样禁止"},
    {Message::reword_or_confirm,
     "; the issuer should name the task the item means, or a reviewer confirm it is not {task}",
     "；请发文单位写明该事项所指的具体事项，或由审核人确认其并非 {task}"},
    {Message::finding_issuer_not_owner,
     "{issuer} sends down {task}, but on {date} the lists give it to {owner} ({entry})",
     "发文单位 {issuer} 下发 {task}，但 {date} 的清单规定由 {owner} 负责（{entry}）"},
    {Message::finding_self_governance_ordered,
     "{task} is {who}'s own self-governance business ({entry}); the township guides, supports and "
     "helps but does not order it {frequency} "
     "(《中华人民共和国村民委员会组织法》第五条){statutory}",
     "{task} 属于 {who} 依法自治的事项（{entry}）；乡镇给予指导、支持和帮助，但不得干预，"
     "不应按 {frequency} 的频次下达（《中华人民共和国村民委员会组织法》第五条）{statutory}"},
    {Message::statutory_rhythm,
     "; the law sets it {frequency}{basis}, and this item asks more often",
     "；法定频次为 {frequency}{basis}，该事项要求更频繁"},
    {Message::load_month, "load for {month}", "{month} 的工作负荷"},

    {Message::unknown_level_for_to, "unknown level '{level}' for 'to' (levels: {levels})",
     "'to' 中未知的层级 '{level}'（层级：{levels}）"},
    {Message::village_missing_units,
     "item {item} counts effort per {unit}, but village {village} ({where}) has no {column}",
     "第 {item} 项按 {unit} 计算工作量，但村居 {village}（{where}）没有 {column} 数据"},
    {Message::cannot_write_html, "cannot write the HTML report", "无法写入 HTML 报告"},
    {Message::cannot_write_html_because, "cannot write the HTML report: {reason}",
     "无法写入 HTML 报告：{reason}"},
    {Message::rulebook_not_loaded, "the rulebook could not be loaded", "无法加载规则库"},
    {Message::village_dict_unknown_field, "unknown field '{field}' in village {index}{hint}",
     "第 {index} 个村居中有未知的字段 '{field}'{hint}"},
    {Message::argument_wrong_type, "{argument} must be {expected}, not {found}",
     "{argument} 必须是 {expected}，不能是 {found}"},
    {Message::argument_out_of_range,
     "{argument} must be a whole number from 0 to {maximum}, found {value}",
     "{argument} 必须是 0 到 {maximum} 之间的整数，这里是 {value}"},
    {Message::argument_has_nul, "{argument} contains a NUL character", "{argument} 含有 NUL 字符"},
    {Message::argument_lone_surrogate,
     "{argument} is not valid text: it holds a lone surrogate ({character})",
     "{argument} 不是有效的文本：含有孤立的代理字符（{character}）"},
    {Message::argument_text_not_sequence,
     "{argument} must be a sequence of {items}, not a single {found}; wrap it in a list",
     "{argument} 必须是由 {items} 组成的序列，不能是单个 {found}；请放进列表"},
    {Message::item_label, "{directive} item {item}", "{directive} 第 {item} 项"},
    {Message::fields_list, ": {fields}", "：{fields}"},
    {Message::parenthesised, " ({text})", "（{text}）"},
    {Message::verbatim, "{text}", "{text}"},
    {Message::concatenated, "{first}{second}", "{first}{second}"},
    {Message::level_named, "{id} ({name})", "{name}（{id}）"},
    {Message::level_role, "{level} {role}", "{level}{role}"},
    {Message::role_owns, "owns", "负责"},
    {Message::role_self_governs, "self-governs", "自治"},
    {Message::role_assists, "assists", "协助"},
    {Message::role_forbidden, "forbidden", "不得承担"},
    {Message::list_power, "power", "权责清单"},
    {Message::list_self_governance, "self_governance", "自治清单"},
    {Message::list_collaboration, "collaboration", "协作清单"},
    {Message::list_negative, "negative", "负面清单"},
    {Message::status_listed, "listed", "已列入清单"},
    {Message::status_unlisted, "unlisted", "未列入清单"},
    {Message::status_unknown, "unknown", "不在事项目录中"},
    {Message::effect_owns, "{level} owns{department}", "{level} 负责{department}"},
    {Message::effect_self_governs, "{levels} self-governs", "{levels} 自治"},
    {Message::effect_assists, "{owner}; {levels} assists", "{owner}；{levels} 协助"},
    {Message::effect_forbidden, "{levels} forbidden", "{levels} 不得承担"},
    {Message::reason_wrong_mode, "applies only in mode {modes}, not {mode}",
     "只适用于模式 {modes}，不适用于 {mode}"},
    {Message::reason_overridden_by_task_entry,
     "overridden by task entry {entry} (a task entry overrides a category entry)",
     "被事项条目 {entry} 取代（事项条目优先于类别条目）"},
    {Message::reason_overridden_by_jurisdiction,
     "overridden by {entry} of {place} (a more specific jurisdiction)",
     "被 {place} 的 {entry} 取代（更具体的辖区优先）"},
    {Message::reason_not_yet_in_force, "edition {edition} not yet in force (effective {date})",
     "版本 {edition} 尚未生效（{date} 生效）"},
    {Message::reason_replaced, "edition {edition} replaced by edition {newer} (effective {date})",
     "版本 {edition} 已被版本 {newer} 取代（{date} 生效）"},
    {Message::reason_expired, "edition {edition} expired (until {date})",
     "版本 {edition} 已失效（有效至 {date}）"},
    {Message::conflict_owner,
     "entry {entry} names owner {level}, but the owner is {owner} by entry {other}",
     "条目 {entry} 指定由 {level} 负责，但按条目 {other} 负责的是 {owner}"},
    {Message::conflict_role,
     "entry {entry} gives {level} the role {role}, but entry {other} gave it {kept}; kept {kept}",
     "条目 {entry} 给 {level} 的角色是 {role}，但条目 {other} 已给出 {kept}；保留 {kept}"},
    {Message::conflict_forbidden,
     "negative entry {entry} forbids {level}, overriding {role} from entry {other}",
     "负面清单条目 {entry} 禁止 {level} 承担，取代条目 {other} 给出的 {role}"},
    {Message::explain_question, "question: '{query}'{task}; on {date}{place}{kinds}, mode {mode}",
     "问题：'{query}'{task}；日期 {date}{place}{kinds}，模式 {mode}"},
    {Message::explain_task, " is task {id} {name}{category}", " 即事项 {id} {name}{category}"},
    {Message::explain_category, " (category {category})", "（类别 {category}）"},
    {Message::explain_place, " in {place}", "，辖区 {place}"},
    {Message::explain_no_task, "the text names no task in the catalogue, by id, name or alias",
     "这段文本不是事项目录中任何事项的编号、名称或别名"},
    {Message::explain_similar, "similar: {id} {name}", "相近：{id} {name}"},
    {Message::explain_no_entry, "no entry of any list names this task or its category here",
     "这里没有任何清单的条目涉及该事项或其类别"},
    {Message::explain_applied, "applied {entry}: {effect}", "适用 {entry}：{effect}"},
    {Message::explain_skipped, "skipped {entry}: would say {effect}; {reason}",
     "跳过 {entry}：本会是 {effect}；{reason}"},
    {Message::explain_cite, "{list} {id} (edition {edition}{illustrative}{place}, {file}:{line})",
     "{list} {id}（版本 {edition}{illustrative}{place}，{file}:{line}）"},
    {Message::explain_cite_place, ", {place}", "，{place}"},
    {Message::explain_conflict, "conflict: {conflict}", "冲突：{conflict}"},
    {Message::explain_answer, "answer: {status}{owner}{roles}", "答案：{status}{owner}{roles}"},
    {Message::explain_owner, "; owner {level}{department}", "；负责 {level}{department}"},
    {Message::explain_roles, "; roles: {roles}", "；角色：{roles}"},
    {Message::snapshot_other_format,
     "snapshot of format {found}; this qingdan reads format {expected}: compile the rulebook "
     "again",
     "快照格式为 {found}，本版 qingdan 读取格式 {expected}：请重新编译规则库"},
    {Message::snapshot_truncated,
     "the snapshot is truncated: {expected} bytes of data announced, {found} present",
     "快照不完整：声明 {expected} 字节数据，实有 {found} 字节"},
    {Message::snapshot_over_size_limit,
     "the snapshot is {size} bytes, over the limit of {limit} (raise "
     "LoadOptions::max_snapshot_bytes)",
     "快照有 {size} 字节，超过上限 {limit}（可调高 LoadOptions::max_snapshot_bytes）"},
    {Message::too_many_problems,
     "more than {limit} problems; only the first {limit} are listed: fix them and look again",
     "问题超过 {limit} 个，只列出前 {limit} 个：修正后再检查"},
    {Message::snapshot_damaged,
     "the snapshot is damaged (its checksum does not match); compile the rulebook again",
     "快照已损坏（校验和不符）：请重新编译规则库"},
    {Message::snapshot_inconsistent, "the snapshot's data is inconsistent at byte {offset}: {what}",
     "快照数据在第 {offset} 字节处不一致：{what}"},
    {Message::cannot_write_snapshot, "cannot write the snapshot: {reason}",
     "无法写入快照：{reason}"},
    {Message::output_not_a_regular_file,
     "it exists and is not a regular file (a link, a folder, a device or a pipe); name a file",
     "该路径已存在且不是普通文件（链接、文件夹、设备或管道）；请指定一个文件"},
    {Message::cannot_write_output, "cannot write the output: {reason}", "无法写出结果：{reason}"},
    {Message::text_directive_line, "  {file}; issued {date}{place}, mode {mode}, {items} items",
     "  {file}；{date} 发布{place}，模式 {mode}，共 {items} 项"},
    {Message::text_in_place, " in {place}", "，辖区 {place}"},
    {Message::text_item_line, "  item {index} {task} (line {line})",
     "  第 {index} 项 {task}（第 {line} 行）"},
    {Message::text_finding, "{severity} {code} {name}: {message}",
     "{severity} {code} {name}：{message}"},
    {Message::severity_error, "error", "错误"},
    {Message::severity_warning, "warning", "警告"},
    {Message::text_villages,
     "villages ({month}): {checked} checked, {overloaded} overloaded, {near} near capacity "
     "(warning at {warn_at})",
     "村居（{month}）：核查 {checked} 个，超负荷 {overloaded} 个，接近上限 {near} 个（预警线 "
     "{warn_at}）"},
    {Message::text_most_loaded, "most loaded:", "负荷最重的村居："},
    {Message::text_village_line,
     "  {village}  {percent}  ({baseline} + {added} of {capacity} hours a month)",
     "  {village}  {percent}（基线 {baseline} + 新增 {added}，容量 {capacity} 小时/月）"},
    {Message::percent, "{value} %", "{value}%"},
    {Message::text_by_place, "villages over or near capacity, by the jurisdiction above them:",
     "超负荷或接近上限的村居，按上级辖区："},
    {Message::text_place_rollup, "  {place}: {overloaded} overloaded, {near} near capacity",
     "  {place}：超负荷 {overloaded} 个，接近上限 {near} 个"},
    {Message::text_more_village_findings, "  {count} more village findings not listed",
     "  另有 {count} 条村居问题未列出"},
    {Message::text_verdict, "verdict: {verdict} ({errors}, {warnings})",
     "结论：{verdict}（{errors}，{warnings}）"},
    {Message::count_error_one, "{count} error", "{count} 个错误"},
    {Message::count_errors, "{count} errors", "{count} 个错误"},
    {Message::count_warning_one, "{count} warning", "{count} 个警告"},
    {Message::count_warnings, "{count} warnings", "{count} 个警告"},
    {Message::verdict_pass, "pass", "通过"},
    {Message::verdict_review, "review", "需复核"},
    {Message::verdict_reject, "reject", "退回"},
    {Message::owner_not_in_catalogue, "'{text}' is not in the task catalogue",
     "“{text}”不在事项目录中"},
    {Message::owner_question, "on {date}{place}, mode {mode}", "{date}{place}，模式 {mode}"},
    {Message::label_status, "status: {status}", "状态：{status}"},
    {Message::label_owner, "owner: {owner}", "负责：{owner}"},
    {Message::label_roles, "roles:", "各层级角色："},
    {Message::label_entries, "entries:", "依据条目："},
    {Message::label_did_you_mean, "did you mean:", "是否要找："},
    {Message::label_why, "why:", "理由："},
    {Message::owner_role_line, "  {level}: {role}", "  {level}：{role}"},
    {Message::entry_line,
     "  {list} {id}  edition {edition}{illustrative}{place}  {file}:{line}{basis}{conditions}",
     "  {list} {id}  版本 {edition}{illustrative}{place}  {file}:{line}{basis}{conditions}"},
    {Message::entry_conditions, " (only with: {conditions})", "（条件：{conditions}）"},
    {Message::condition_funding, "funding", "经费保障"},
    {Message::condition_approval, "approval", "准入审批"},
    {Message::condition_max_per_month, "at most {count} a month", "每月至多 {count} 次"},
    {Message::test_status_differs, "status: expected {expected}, got {got}",
     "状态：应为 {expected}，实为 {got}"},
    {Message::test_owner_level_differs, "owner level: expected {expected}, got {got}",
     "负责层级：应为 {expected}，实为 {got}"},
    {Message::test_owner_department_differs, "owner department: expected '{expected}', got '{got}'",
     "负责部门：应为“{expected}”，实为“{got}”"},
    {Message::test_roles_differ, "roles: expected {expected}, got {got}",
     "角色：应为 {expected}，实为 {got}"},
    {Message::test_entry_missing,
     "entries: expected {expected} among the applied entries, got {got}",
     "条目：适用的条目中应有 {expected}，实为 {got}"},
    {Message::test_roles, "({roles})", "（{roles}）"},
    {Message::test_role, "{level}: {role}", "{level}：{role}"},
    {Message::nothing, "none", "无"},

    {Message::workbook_not_zip,
     "the file is not an .xlsx workbook (it is not a zip archive); save it in Excel as .xlsx, or "
     "as CSV UTF-8",
     "文件不是 .xlsx 工作簿（不是 zip 压缩包）；请在 Excel 中另存为 .xlsx，或另存为 CSV UTF-8"},
    {Message::workbook_old_or_protected,
     "the file is an old .xls workbook, or one protected by a password; save it in Excel as .xlsx "
     "without a password, or as CSV UTF-8",
     "文件是旧版 .xls 工作簿，或设置了密码的工作簿；请在 Excel 中另存为不设密码的 .xlsx，或另存为 "
     "CSV UTF-8"},
    {Message::workbook_damaged,
     "the workbook is damaged or cut short: its zip archive cannot be read",
     "工作簿已损坏或不完整：无法读取其 zip 压缩包"},
    {Message::workbook_part_damaged, "the workbook is damaged: its part {part} cannot be unpacked",
     "工作簿已损坏：无法解压其中的 {part}"},
    {Message::workbook_part_encrypted,
     "the workbook's part {part} is encrypted; save the workbook without a password",
     "工作簿中的 {part} 已加密；请保存为不设密码的工作簿"},
    {Message::workbook_part_too_large,
     "the workbook's part {part} unpacks to more than {limit} bytes (raise "
     "LoadOptions::max_file_bytes)",
     "工作簿中的 {part} 解压后超过 {limit} 字节（可调高 LoadOptions::max_file_bytes）"},
    {Message::workbook_part_missing,
     "the workbook has no part {part}: it is damaged, or was not saved by a spreadsheet program",
     "工作簿中没有 {part}：文件已损坏，或不是由电子表格软件保存的"},
    {Message::workbook_no_worksheet, "the workbook has no worksheet", "工作簿中没有工作表"},
    {Message::workbook_bad_xml,
     "the workbook is damaged: its part {part} is not well-formed XML (line {line}, column "
     "{column})",
     "工作簿已损坏：其中的 {part} 不是格式正确的 XML（第 {line} 行第 {column} 列）"},
    {Message::workbook_doctype,
     "the workbook's part {part} declares a document type (<!DOCTYPE>), which no workbook does; "
     "it is not read",
     "工作簿中的 {part} 声明了文档类型（<!DOCTYPE>），正常的工作簿不会这样做；不予读取"},
    {Message::sheet_reference_out_of_range,
     "the workbook is damaged: {part} names the cell '{cell}', beyond a worksheet's 16384 columns "
     "and 1048576 rows",
     "工作簿已损坏：{part} 中的单元格 '{cell}' 超出了工作表的 16384 列、1048576 行"},
    {Message::sheet_out_of_order,
     "the workbook is damaged: {part} lists '{cell}' after a row or cell that comes later",
     "工作簿已损坏：{part} 把 '{cell}' 排在了位置更靠后的行或单元格之后"},
    {Message::sheet_no_shared_string,
     "the workbook is damaged: the cell refers to shared string {index}, and the workbook has "
     "{count}",
     "工作簿已损坏：该单元格引用了编号为 {index} 的共享字符串，而工作簿共有 {count} 个"},
    {Message::sheet_first_row_empty,
     "the first row of worksheet '{sheet}' is empty; expected the header row there",
     "工作表 '{sheet}' 的第一行为空；第一行应为表头"},
    {Message::in_cell, "cell {cell}: {message}", "单元格 {cell}：{message}"},
    {Message::cell_outside_header,
     "'{value}' is right of the header's last column ({last}); give its column a header, or "
     "clear the cell",
     "'{value}' 位于表头最后一列（{last} 列）的右侧；请为该列加上表头，或清空该单元格"},
    {Message::village_listed_twice_in_row,
     "village {village} is listed twice (first in row {line})",
     "村居 {village} 出现了两次（第一次在第 {line} 行）"},

    {Message::at_path, "{path}: {message}", "{path}：{message}"},
    {Message::text_item_line_unplaced, "  item {index} {task}", "  第 {index} 项 {task}"},
    {Message::workbook_cells_over_limit,
     "the cells of the worksheet hold more than {limit} bytes of text, more than the file may "
     "(one shared text repeated in many cells?)",
     "工作表各单元格的文本合计超过 {limit} "
     "字节，超出文件大小的上限（是否有同一段文本被大量单元格重复引用？）"},
    {Message::reason_other_kind, "applies only in places of kind {kinds}; {place} is {kind}",
     "只适用于类别为 {kinds} 的地方，{place} 属于 {kind}"},
    {Message::reason_no_kind, "applies only in places of kind {kinds}; {place} is of none of them",
     "只适用于类别为 {kinds} 的地方，{place} 不在其列"},
    {Message::illustrative_mark, " [illustrative]", "【示例】"},
    {Message::illustrative_answer,
     "note: this answer rests on an illustrative edition, a reconstruction and not the published "
     "list: {entries}",
     "注意：本答案所依据的 {entries} 出自示例版本（重构的示例，并非正式公布的清单文本）"},
    {Message::illustrative_report,
     "note: this check rests on illustrative editions (reconstructions, not the published lists); "
     "findings that cite one are marked [illustrative]",
     "注意：本次核查所依据的清单版本是示例（重构的示例，并非正式公布的清单文本）；引用示例版本的结"
     "论标有【示例】"},
    {Message::unknown_place_kind, "unknown kind of place '{kind}' (kinds: {kinds}){hint}",
     "未知的地方类别 '{kind}'（类别：{kinds}）{hint}"},
    {Message::kind_at_other_level,
     "'{name}' is at level {level}, but kind {kind} is for places at level {kind_level}",
     "'{name}' 位于层级 {level}，而类别 {kind} 用于 {kind_level} 层级的地方"},
    {Message::too_many_kinds, "a rulebook may declare at most 64 kinds of place",
     "规则库至多声明 64 种地方类别"},
    {Message::noun_kind, "a kind of place", "地方类别"},
    {Message::duplicate_kind, "duplicate kind of place '{id}'", "地方类别 '{id}' 重复"},
    {Message::must_name_a_kind, "'kinds' must name at least one kind of place",
     "'kinds' 至少要列出一种地方类别"},
    {Message::type_kinds,
     "a list of mappings with id, level, and optionally name, aliases and suffixes",
     "含 id、level 以及可选的 name、aliases、suffixes 的映射的列表"},
    {Message::finding_in_kind, "{finding} (only in {kinds}: {places}{more})",
     "{finding}（限于{kinds}：{places}{more}）"},
    {Message::finding_in_places, "{finding} (only in {places}{more})",
     "{finding}（限于 {places}{more}）"},
    {Message::places_in_all, ", … {count} in all", "等 {count} 处"},
    {Message::reason_kinds_below,
     "applies only in places of kind {kinds}, which lie below {place}: ask about one of them",
     "只适用于类别为 {kinds} 的地方，这类地方在 {place} 之下：请按具体地方查询"},
    {Message::differs_below_note,
     "note: the answer may differ below {place}: {entries} apply only in some kinds of place "
     "there; ask about a place of that kind",
     "注意：{place} 之下答案可能因地而异：{entries} 只适用于其中某些类别的地方；请按具体地方查询"},
    {Message::kind_within, "{inner} in {outer}", "{outer}下的{inner}"},
};

static_assert(std::size(message_catalogue) == static_cast<std::size_t>(Message::count),
              "every Message has one catalogue entry");

constexpr bool catalogue_in_order() {
  for (std::size_t i = 0; i < std::size(message_catalogue); ++i)
    if (static_cast<std::size_t>(message_catalogue[i].id) != i) return false;
  return true;
}
static_assert(catalogue_in_order(), "message_catalogue lists the messages in enum order");

}  // namespace

const MessageText& message_text(Message id) {
  return message_catalogue[static_cast<std::size_t>(id)];
}

std::string shortest_number_text(double value) {
  char text[400];
  const bool whole = value > -1e15 && value < 1e15 && value == std::trunc(value);  // not NaN
  auto written = whole ? std::to_chars(text, text + sizeof text, value, std::chars_format::fixed)
                       : std::to_chars(text, text + sizeof text, value);
  return std::string(text, written.ptr);
}

namespace {

// `text` with each {placeholder} that `value` knows replaced by what it appends; a brace that
// does not open a known placeholder is kept as written, so "{id, name}" in a text stays as it is.
template <typename AppendValue>
std::string fill(std::string_view text, std::size_t expected_size, AppendValue append_value) {
  std::string result;
  result.reserve(expected_size);
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t open = text.find('{', at);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    const std::size_t kept = result.size();
    result.append(text.substr(at, open - at));
    if (!append_value(text.substr(open + 1, close - open - 1), result)) {
      result.resize(kept);
      result.append(text.substr(at, close + 1 - at));
    }
    at = close + 1;
  }
  result.append(text.substr(at));
  return result;
}

}  // namespace

std::string say(Language language, Message id, std::initializer_list<MessageArgument> arguments) {
  return fill_placeholders(message_template(id, language), arguments);
}

std::string fill_placeholders(std::string_view text,
                              std::initializer_list<MessageArgument> arguments) {
  return fill(text, text.size() + 32 * arguments.size(),
              [&](std::string_view name, std::string& result) {
                const MessageArgument* found = nullptr;
                for (const MessageArgument& argument : arguments)
                  if (argument.name == name) found = &argument;
                if (found) result.append(found->value);
                return found != nullptr;
              });
}

}  // namespace qingdan::detail

namespace qingdan {

std::string Phrase::in(Language language) const {
  if (!worded_) return {};
  const std::string_view text = detail::message_template(message_, language);
  return detail::fill(text, text.size() + 32 * arguments_.size(),
                      [&](std::string_view name, std::string& result) {
                        const Argument* found = nullptr;
                        for (const Argument& argument : arguments_)
                          if (argument.name == name) found = &argument;
                        if (found == nullptr) return false;
                        if (found->phrases.empty()) {
                          result.append(found->text);
                          return true;
                        }
                        const std::string_view separator =
                            detail::message_template(detail::Message::list_separator, language);
                        bool first = true;
                        for (const Phrase& phrase : found->phrases) {
                          if (phrase.empty()) continue;
                          if (!first) result.append(separator);
                          result.append(phrase.in(language));
                          first = false;
                        }
                        return true;
                      });
}

}  // namespace qingdan
