// The `sitrep` command. Placeholder until the CLI lands.
#include <cstdio>

int main() {
  std::puts("sitrep: CLI not built yet");
  return 0;
}
