// Helpers shared by tests that run the real `sitrep` binary.
#pragma once

#include <cstdio>
#include <string>

namespace sitrep::testing {

// Runs a shell command and returns what it printed on stdout.
inline std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  return output;
}

}  // namespace sitrep::testing
