#pragma once

// qingdan: a place's four lists of grassroots governance as executable rules.

#include <qingdan/answer.hpp>
#include <qingdan/date.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/error.hpp>
#include <qingdan/four_lists.hpp>
#include <qingdan/json.hpp>
#include <qingdan/lint.hpp>
#include <qingdan/load_options.hpp>
#include <qingdan/query.hpp>
#include <qingdan/report_output.hpp>
#include <qingdan/rule_tests.hpp>
#include <qingdan/rulebook.hpp>
#include <qingdan/rulebook_holder.hpp>
#include <qingdan/version.hpp>
