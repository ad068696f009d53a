#pragma once

#include <string_view>

#include "serve/exchange.hpp"

namespace qingdan::serve {

// The API's routes, one function each (owner_routes.cpp, check_route.cpp, rulebook_routes.cpp).
HttpResponse answer_owner(Exchange& exchange);
HttpResponse answer_owners(Exchange& exchange);
HttpResponse answer_check(Exchange& exchange);
HttpResponse answer_tasks(Exchange& exchange);
HttpResponse answer_rulebook(Exchange& exchange);

// The web page and the OpenAPI document, compiled in from src/serve/assets/.
std::string_view page_html();
std::string_view openapi_json();

}  // namespace qingdan::serve
