#include "load/sha256.hpp"

#include <array>
#include <cstdio>

#include <openssl/evp.h>

namespace qingdan::detail {

std::string sha256_digest(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest.data()), size);
}

std::string sha256_hex(std::string_view bytes) {
  std::string hex;
  for (unsigned char byte : sha256_digest(bytes)) {
    char pair[3];
    std::snprintf(pair, sizeof pair, "%02x", byte);
    hex += pair;
  }
  return hex;
}

}  // namespace qingdan::detail
