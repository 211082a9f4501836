#!/usr/bin/env bash
# Installs what sitrep needs on Debian 12 (only what is missing) and builds
# it into build/. Safe to run again: apt is skipped when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ make cmake pkg-config ccache ca-certificates tzdata
  libcmark-gfm-dev libcmark-gfm-extensions-dev libtomlplusplus-dev libcli11-dev
  libcpp-httplib-dev doctest-dev libkainjow-mustache-dev libhowardhinnant-date-dev
  nlohmann-json3-dev libssl-dev libcurl4-openssl-dev libmimalloc-dev
  libxxhash-dev
)
if [ "${SITREP_TEST_DEPS:-0}" = 1 ]; then
  # What the tests read the outputs back with.
  # Java 17 runs the Nu HTML Checker (vnu.jar, from npm in tests/web); with
  # java on PATH, vnu-jar's install step downloads no runtime of its own.
  packages+=(python3 python3-feedparser python3-icalendar chromium default-jre-headless)
  # Publishing tests: nginx serves the built site with deploy/nginx.conf;
  # aiosmtpd is the SMTP sink `sitrep notify` delivers e-mail to; git for
  # gitlab-ci-local running examples/ci
  # (it copies the repository with rsync).
  packages+=(nginx-light python3-aiosmtpd git rsync)
  # Hardening builds (scripts/sanitize.sh): clang with its sanitizer and
  # libFuzzer runtimes, for the fuzz targets and the ASan/UBSan suite.
  packages+=(clang libclang-rt-14-dev)
  # Node.js may come from elsewhere (e.g. NodeSource, which bundles npm and
  # conflicts with Debian's npm package): only install what is not on PATH.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
