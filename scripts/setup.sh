#!/usr/bin/env bash
# Installs everything iameval needs on a Debian 12 machine, from Debian's archive
# and npm only. Idempotent: on a provisioned machine it checks and returns in ~1 s.
# Called by `make demo`, `make test` and friends; safe to run by hand as root.
#
#   scripts/setup.sh          core C++ toolchain and libraries
#   scripts/setup.sh --all    also Python, Emscripten, Chromium and npm packages
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

want_all=0
[ "${1:-}" = "--all" ] && want_all=1

CORE=(g++ cmake ninja-build pkg-config ccache rapidjson-dev libre2-dev catch2 libbenchmark-dev
      python3 clang clang-format libclang-rt-14-dev groff-base)
EXTRA=(python3-dev pybind11-dev python3-pybind11 python3-pytest python3-setuptools python3-wheel
       python3-pip python3-venv emscripten binaryen dpkg-dev lintian perl unicode-data python3-six
       chromium chromium-driver nodejs npm mypy valgrind)

pkgs=("${CORE[@]}")
[ "$want_all" = 1 ] && pkgs+=("${EXTRA[@]}")

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

missing=()
for p in "${pkgs[@]}"; do
  # node and npm may come from NodeSource rather than Debian; accept any working binary.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || missing+=("$p")
done

STAMP=/var/lib/apt/periodic/iameval-updated
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_all" = 1 ]; then
  # emcc -O2 and above needs Debian's node-acorn, which NodeSource's node does not search.
  if [ -d /usr/share/nodejs/acorn ] && [ ! -e /usr/lib/node/acorn ]; then
    $SUDO mkdir -p /usr/lib/node && $SUDO ln -sfn /usr/share/nodejs/acorn /usr/lib/node/acorn
  fi
fi
