// SHA-256 (FIPS 180-4), for storing API tokens as hashes. Pure; no I/O.
#pragma once

#include <string>
#include <string_view>

namespace sitrep::serve {

// Lowercase hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace sitrep::serve
