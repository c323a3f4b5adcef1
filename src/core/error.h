// Error values returned across module boundaries.
//
// Every fallible function at a module boundary returns `Result<T>` (std::expected<T, Error>).
// The message names the input and says what was wrong, e.g.
//   "examples/x.bin: binary content (NUL bytes at offset 12)".
// No exception crosses a module and no library code calls exit().
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace sitrep {

struct Error {
  enum class Kind { kInvalidInput, kNotFound, kIo, kStore, kUsage, kInternal };
  Kind kind = Kind::kInvalidInput;
  std::string message;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Error::Kind kind, std::string message) {
  return std::unexpected(Error{kind, std::move(message)});
}
inline std::unexpected<Error> invalid_input(std::string message) {
  return fail(Error::Kind::kInvalidInput, std::move(message));
}

}  // namespace sitrep
