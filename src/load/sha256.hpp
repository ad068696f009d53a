#pragma once

#include <string>
#include <string_view>

namespace qingdan::detail {

// The 32 bytes of the SHA-256 of the bytes.
std::string sha256_digest(std::string_view bytes);

// Lower-case hexadecimal SHA-256 of the bytes, as sha256sum prints it.
std::string sha256_hex(std::string_view bytes);

}  // namespace qingdan::detail
