#!/usr/bin/env bash
# File: scripts/test_package.sh
#
# The C++ package as a user gets it (issue #17 point 1), in `make test`
# (mk/package.mk):
#   1. `cmake --install` into a scratch prefix; examples/embed configured out of
#      tree with find_package(iameval) and built, and built again with only
#      `pkg-config --cflags --libs iameval`; both run and decide `allowed`;
#   2. the Debian package (`make deb`) checked with dpkg-deb and lintian (no
#      error or warning) and unpacked with `dpkg -x` into a scratch root (never
#      installed on the machine: CI runs as root on a developer's box); its
#      library is in the multiarch directory (usr/lib/x86_64-linux-gnu), its
#      tool, man page and completion work, and examples/embed builds against
#      it both ways again.
# On Debian the library, its CMake package and iameval.pc are under
# lib/$(c++ -print-multiarch) in both trees (cmake/install.cmake).
#
#   scripts/test_package.sh BUILD_DIR DEB_FILE
set -euo pipefail
build=$1
deb=$2
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "test_package: $*" >&2; exit 1; }
version=$(sed -n 's/^#define IAMEVAL_VERSION_STRING "\(.*\)"$/\1/p' "$root/engine/include/iameval/version.h")
multiarch=$(c++ -print-multiarch 2>/dev/null || true)
if [ -f /etc/debian_version ] && [ -n "$multiarch" ]; then libdir=lib/$multiarch; else libdir=lib; fi

# Builds and runs examples/embed against the tree at $1, both ways.
embed_against() {
  local prefix=$1 name=$2
  cmake -S "$root/examples/embed" -B "$scratch/embed-cmake-$name" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null \
    || fail "$name: find_package(iameval) failed"
  cmake --build "$scratch/embed-cmake-$name" >/dev/null || fail "$name: the CMake build failed"
  "$scratch/embed-cmake-$name/embed" | grep -q '^allowed: ' \
    || fail "$name: the example built with CMake did not decide allowed"
  local pc_dir
  pc_dir=$(dirname "$(find "$prefix" -name iameval.pc | head -1)")
  local flags
  flags=$(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs iameval) \
    || fail "$name: pkg-config does not know iameval"
  [ "$(PKG_CONFIG_PATH="$pc_dir" pkg-config --modversion iameval)" = "$version" ] \
    || fail "$name: iameval.pc's version is not $version"
  # shellcheck disable=SC2086  # $flags is a list of flags
  c++ -std=c++17 -O1 "$root/examples/embed/main.cc" -o "$scratch/embed-pc-$name" $flags \
    || fail "$name: the pkg-config build failed"
  "$scratch/embed-pc-$name" | grep -q '^allowed: ' \
    || fail "$name: the example built with pkg-config did not decide allowed"
}

# 1. cmake --install
prefix="$scratch/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/iameval include/iameval/iameval.h include/iameval/version.h \
         $libdir/libiameval.a $libdir/cmake/iameval/iamevalConfig.cmake \
         $libdir/cmake/iameval/iamevalConfigVersion.cmake $libdir/cmake/iameval/iamevalTargets.cmake \
         $libdir/pkgconfig/iameval.pc share/man/man1/iameval.1.gz share/bash-completion/completions/iameval \
         share/doc/iameval/copyright; do
  [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
done
[ -z "$(find "$prefix/include" -name '*.h' ! -path '*/include/iameval/*')" ] \
  || fail "headers other than the public API were installed"
embed_against "$prefix" install
# A version that the package does not promise to be compatible with is refused.
mkdir -p "$scratch/wrong" && cat > "$scratch/wrong/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(wrong LANGUAGES CXX)
find_package(iameval 9.0 REQUIRED)
CMAKE
if cmake -S "$scratch/wrong" -B "$scratch/wrong/b" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null 2>&1; then
  fail "find_package(iameval 9.0) accepted version $version"
fi

# 2. the .deb
[ -f "$deb" ] || fail "no Debian package at $deb (make deb)"
info=$(dpkg-deb --info "$deb")
for field in "Package: iameval" "Version: $version" "Depends: libc6" "Section: devel"; do
  grep -q "$field" <<<"$info" || fail "the package's control lacks \`$field\`"
done
dpkg-deb --contents "$deb" > "$scratch/contents.txt"
grep -q '\./usr/bin/iameval$' "$scratch/contents.txt" || fail "the package lacks usr/bin/iameval"
for f in libiameval.a pkgconfig/iameval.pc cmake/iameval/iamevalTargets.cmake; do
  grep -q "\./usr/$libdir/$f\$" "$scratch/contents.txt" || fail "the package lacks usr/$libdir/$f"
done
# lintian (scripts/setup.sh installs it): Debian's checks of the package, no
# error or warning (informational tags, such as the static library's
# .comment sections, are allowed).
command -v lintian >/dev/null || fail "lintian is not installed (scripts/setup.sh --all installs it)"
if ! lintian_out=$(lintian --fail-on error,warning "$deb" 2>&1); then
  grep -v 'running with root privileges' <<<"$lintian_out" >&2
  fail "lintian finds errors or warnings in $(basename "$deb")"
fi
unpacked="$scratch/root"
dpkg -x "$deb" "$unpacked"
"$unpacked/usr/bin/iameval" --version | grep -qx "iameval $version" \
  || fail "the packaged tool does not say iameval $version"
"$unpacked/usr/bin/iameval" check --kind identity - <<<'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' \
  || fail "the packaged tool does not check a valid policy"
# Debian policy 12.1: man pages compressed with `gzip -9n` (no name, no time).
man_page="$unpacked/usr/share/man/man1/iameval.1.gz"
[ -f "$man_page" ] || fail "the package has no usr/share/man/man1/iameval.1.gz"
[ -z "$(find "$unpacked/usr/share/man" -name 'iameval.1')" ] || fail "the package has an uncompressed man page"
gzip -t "$man_page" || fail "the packaged man page is not gzip'd"
[ "$(od -An -tx1 -j3 -N5 "$man_page" | tr -d ' ')" = "0000000000" ] \
  || fail "the packaged man page's gzip header holds a file name or a time (gzip -n)"
grep -q '^\.TH IAMEVAL 1' <(zcat "$man_page") || fail "the packaged man page is not a man page"
# Debian policy 12.5: the copyright file, machine-readable (DEP-5), with the
# licence of everything the package holds.
copyright="$unpacked/usr/share/doc/iameval/copyright"
[ -f "$copyright" ] || fail "the package has no usr/share/doc/iameval/copyright"
head -1 "$copyright" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  || fail "the copyright file is not in the machine-readable format"
for licence in "License: Apache-2.0" "License: Expat"; do
  grep -qx "$licence" "$copyright" || fail "the copyright file lacks \`$licence\`"
done
grep -q 'complete -o filenames -F _iameval iameval' "$unpacked/usr/share/bash-completion/completions/iameval" \
  || fail "the packaged completion does not register itself"
embed_against "$unpacked/usr" deb
echo "test_package: installed tree and $(basename "$deb"): examples/embed built with find_package and pkg-config, both decide allowed"
