#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs, only those missing.
# Sourced by scripts/dev and scripts/test; safe to run again.
GRID_PACKAGES=(build-essential cmake ninja-build pkg-config libboost-dev libleveldb-dev
  libsnappy-dev libsecp256k1-dev libsodium-dev libcpp-httplib-dev rapidjson-dev libgtest-dev
  libgmock-dev libbenchmark-dev clang-format python3)

grid_install_missing() {
  local missing=()
  local p
  for p in "${GRID_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "==> installing missing packages: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq || return 1
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}
