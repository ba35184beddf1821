#!/usr/bin/env bash
# Builds the optional fast Python parser (liblossfn-tspy.so): tree-sitter and tree-sitter-python
# from their C sources with -O2, plus lossfn_tspy.c. Run by the linter-core build; every failure
# (no C compiler, no JNI headers, no sources, an unsupported platform) only prints why and exits 0,
# and lossfn then uses the bundled binding.
#
#   build-native.sh CLASSES_DIR WORK_DIR JAVA_HOME OS_ARCH
#
# C sources: the directory LOSSFN_TS_SOURCES (holding tree-sitter/ and tree-sitter-python/, the
# unpacked npm packages below), else the pinned npm packages fetched with `npm pack` when npm is
# present (their sha512 checked). Versions must match the bundled binding's grammar.
set -u
classes="$1"; work="$2"; jhome="$3"; arch="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
core_pkg="tree-sitter@0.25.0"
core_sha="3c6659cc55badde1256490defdbfd1fcb6ec8c30d825ae541232d9241e7d450b0c5fe7e8d23e787ea04f9f530629abff40d6b4251d3306255a8a46035828f929"
py_pkg="tree-sitter-python@0.25.0"
py_sha="782989c7acd06b7e46c5a0ad403fb05c73a162a07110bf9ba7bd56fecddf70332ed3a32bb739155d1e37edd46b0ab6eb0dbc8bb940c9a4083272cee772780b5f"

skip() { echo "[lossfn] fast Python parser not built: $*; the bundled tree-sitter binding will be used"; exit 0; }

[ "${LOSSFN_NATIVE:-on}" = off ] && skip "LOSSFN_NATIVE=off"
[ "$(uname -s 2>/dev/null)" = Linux ] || skip "not Linux"
case "$arch" in amd64|x86_64) arch=amd64 ;; aarch64) ;; *) skip "unsupported architecture $arch" ;; esac
cc="${CC:-}"
if [ -z "$cc" ]; then
  for c in gcc cc clang; do command -v "$c" >/dev/null 2>&1 && { cc="$c"; break; }; done
fi
[ -n "$cc" ] || skip "no C compiler"
jni="$jhome/include"
[ -f "$jni/jni.h" ] || jni="$jhome/../include"
[ -f "$jni/jni.h" ] || skip "no jni.h under $jhome"

out_dir="$classes/dev/lossfn/core/lang/python/native/linux-$arch"
lib="$work/liblossfn-tspy.so"
src="${LOSSFN_TS_SOURCES:-$work/tree-sitter-src}"
mkdir -p "$work"

fetch() { # pkg sha name
  local dir="$src/$3"
  [ -f "$dir/.ok" ] && return 0
  command -v npm >/dev/null 2>&1 || return 1
  local tmp; tmp="$(mktemp -d "$work/npm.XXXXXX")" || return 1
  ( cd "$tmp" && npm pack --silent "$1" >/dev/null 2>&1 ) || { rm -rf "$tmp"; return 1; }
  local tgz; tgz="$(ls "$tmp"/*.tgz 2>/dev/null | head -1)"
  [ -n "$tgz" ] && [ "$(sha512sum "$tgz" | cut -d' ' -f1)" = "$2" ] || { echo "[lossfn] $1: checksum mismatch"; rm -rf "$tmp"; return 1; }
  rm -rf "$dir" && mkdir -p "$dir" && tar xzf "$tgz" -C "$dir" --strip-components=1 && touch "$dir/.ok"
  local rc=$?; rm -rf "$tmp"; return $rc
}

if [ -f "$lib" ] && [ "$lib" -nt "$here/lossfn_tspy.c" ] && [ "$lib" -nt "$here/build-native.sh" ]; then
  :
else
  if [ -z "${LOSSFN_TS_SOURCES:-}" ]; then
    fetch "$core_pkg" "$core_sha" tree-sitter || skip "C sources unavailable (set LOSSFN_TS_SOURCES or install npm)"
    fetch "$py_pkg" "$py_sha" tree-sitter-python || skip "C sources unavailable (set LOSSFN_TS_SOURCES or install npm)"
  fi
  core="$src/tree-sitter/vendor/tree-sitter/lib"
  py="$src/tree-sitter-python/src"
  [ -f "$core/src/lib.c" ] && [ -f "$py/parser.c" ] && [ -f "$py/scanner.c" ] || skip "C sources incomplete in $src"
  echo "[lossfn] building the fast Python parser with $cc -O2"
  "$cc" -O2 -DNDEBUG -std=c11 -D_DEFAULT_SOURCE -fPIC -shared -fvisibility=hidden \
    -I "$core/include" -I "$core/src" -I "$py" -I "$jni" -I "$jni/linux" \
    "$core/src/lib.c" "$py/parser.c" "$py/scanner.c" "$here/lossfn_tspy.c" \
    -o "$lib.tmp" || { rm -f "$lib.tmp"; skip "the C build failed"; }
  mv "$lib.tmp" "$lib"
fi
mkdir -p "$out_dir" && cp "$lib" "$out_dir/liblossfn-tspy.so" || skip "could not copy the library"
echo "[lossfn] fast Python parser: $out_dir/liblossfn-tspy.so"
