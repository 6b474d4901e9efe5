# Shared by scripts/run and scripts/test: install what is missing, then build.
# Sourced, not run.

ANTRE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANTRE_BUILD="${ANTRE_BUILD:-$ANTRE_ROOT/build}"

# Debian 12 packages for the server, the CLI, the SDL2 clients and the tests.
ANTRE_PACKAGES=(
  build-essential cmake pkg-config
  libboost-dev libsqlite3-dev nlohmann-json3-dev libsodium-dev
  libhowardhinnant-date-dev tzdata catch2
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev fonts-dejavu-core
  libespeak-ng-dev espeak-ng libqrencode-dev xvfb xauth
  chromium chromium-driver
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

antre_build() {
  cmake -S "$ANTRE_ROOT" -B "$ANTRE_BUILD" -DCMAKE_BUILD_TYPE="${ANTRE_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  cmake --build "$ANTRE_BUILD" -j2
}
