#pragma once

#include <string>
#include <string_view>

namespace qingdan::detail {

// Lower-case hexadecimal SHA-256 of the bytes, as sha256sum prints it.
std::string sha256_hex(std::string_view bytes);

}  // namespace qingdan::detail
