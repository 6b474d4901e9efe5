# Shared by scripts/run and scripts/test: install what is missing, then build.
# Sourced, not run.

ANTRE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANTRE_BUILD="${ANTRE_BUILD:-$ANTRE_ROOT/build}"
ANTRE_BUILD_ASAN="${ANTRE_BUILD_ASAN:-$ANTRE_ROOT/build-asan}"
# Extra CMake options for every build (scripts/test adds -DANTRE_WERROR=ON).
ANTRE_CMAKE_ARGS=(-DANTRE_WERROR=OFF)

# Debian 12 packages for the server, the CLI, the SDL2 clients and the tests
# (libssl-dev: TLS; libcli11-dev: every program's command line; clang and
# libclang-rt-14-dev, which holds the ASan, UBSan and libFuzzer runtimes: the
# checked build in build-asan; clang-format: scripts/format-check; lintian, and adduser and systemd for installing the
# packages and verifying their units: scripts/package-check; postgresql and
# libpq-dev: antre-hub and its tests, which start a throwaway cluster of their own;
# libcairo2-dev: the CLI's SKM report PDF; poppler-utils: pdftotext, which its test reads it with;
# libgoogle-perftools-dev: tcmalloc, antre-server's allocator;
# libzbar-dev: the screen tests read the QR codes they draw back with zbar).
ANTRE_PACKAGES=(
  build-essential cmake pkg-config
  libboost-dev libsqlite3-dev nlohmann-json3-dev libsodium-dev libcli11-dev
  libhowardhinnant-date-dev tzdata catch2
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev fonts-dejavu-core
  libespeak-ng-dev espeak-ng libqrencode-dev libzbar-dev xvfb xauth
  chromium chromium-driver
  libssl-dev
  clang libclang-rt-14-dev clang-format
  ninja-build ccache
  lintian adduser systemd
  postgresql libpq-dev
  libcairo2-dev poppler-utils
  libgoogle-perftools-dev
)

antre_install() {
  local missing=()
  for p in "${ANTRE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "antre: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Ninja, and ccache keyed on paths relative to the checkout, so that a second clone or
# worktree of the same sources reuses what the first one compiled. A build folder made
# earlier with another generator is made again (CMake refuses to switch in place).
antre_configure() {
  local dir="$1"; shift
  if [ -f "$dir/CMakeCache.txt" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$dir/CMakeCache.txt"; then
    rm -rf "$dir"
  fi
  export CCACHE_BASEDIR="$ANTRE_ROOT" CCACHE_NOHASHDIR=1
  cmake -S "$ANTRE_ROOT" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@" "${ANTRE_CMAKE_ARGS[@]}" >/dev/null
}

antre_build() {
  antre_configure "$ANTRE_BUILD" -DCMAKE_BUILD_TYPE="${ANTRE_BUILD_TYPE:-RelWithDebInfo}"
  cmake --build "$ANTRE_BUILD" -j2
}

# The checked build: clang with ASan + UBSan on everything and the libFuzzer targets.
# -O1 and line tables only: the fastest build that still gives readable reports.
antre_build_asan() {
  antre_configure "$ANTRE_BUILD_ASAN" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DANTRE_SANITIZE=ON -DANTRE_FUZZ=ON
  cmake --build "$ANTRE_BUILD_ASAN" -j2 "$@"
}

# Runs ctest in the build folder $1 with the other arguments. When tests fail, their
# assertions (Catch's FAILED blocks, at most 40 lines a test) are printed once more after
# ctest's summary, where the tail of a long log (CI's) shows them; the status stays a failure.
antre_ctest() {
  local dir="$1"
  shift
  if (cd "$dir" && ctest "$@"); then return 0; fi
  local failed="$dir/Testing/Temporary/LastTestsFailed.log" log="$dir/Testing/Temporary/LastTest.log"
  if [ -f "$failed" ] && [ -f "$log" ]; then
    echo "=== What the failed tests reported ($dir) ==="
    local num name
    while IFS=: read -r num name; do
      echo "--- #$num $name"
      awk -v t="$name" '
        !found && /^[0-9]+\/[0-9]+ Test: / && substr($0, index($0, " Test: ") + 7) == t { found = 1; next }
        found && !on && /^Output:/ { on = 1; next }
        on && /^<end of output>/ { exit }
        on { print }' "$log" |
        grep -E -A8 'FAILED:|failed with|runtime error|ERROR: AddressSanitizer|LeakSanitizer|Timeout' | head -n 40 ||
        true  # a test with no such line (a crash, a timeout) still has its name printed
    done <"$failed"
  fi
  return 1
}

# Sanitizer settings for every program of the checked build (tests, servers they
# start, fuzzers): stop at the first report, with a stack, and leave out only the
# leaks listed with their reasons in tests/support/lsan.supp.
antre_sanitizer_env() {
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$ANTRE_ROOT/tests/support/lsan.supp:print_suppressions=0"
}
