#!/usr/bin/env bash
# Installs the build into a temporary prefix and builds tests/capi/consumer
# against it twice, with find_package(voicelint) and with pkg-config, then
# runs both programs.
#   consumer_test.sh BUILD_DIR CONSUMER_SOURCE_DIR C_COMPILER "C_FLAGS"
set -euo pipefail
build=$1 source=$2 cc=$3 cflags=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/include/voicelint/voicelint.h"

expected=$'voicelint 0.2.0\n1:1 Hey -> Hello\n1:6 no problem -> my pleasure\n1:18 喂 -> 您好'

# 1. The CMake package.
cmake -S "$source" -B "$tmp/cmake-build" -G Ninja -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_C_FLAGS="$cflags" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/cmake-build" >/dev/null
out=$("$tmp/cmake-build/consumer")
if [ "$out" != "$expected" ]; then
  printf 'find_package consumer printed:\n%s\nexpected:\n%s\n' "$out" "$expected" >&2
  exit 1
fi
echo "find_package(voicelint): ok"

# 2. pkg-config.
pc_dir=$(dirname "$(find "$prefix" -name voicelint.pc)")
export PKG_CONFIG_PATH=$pc_dir
libdir=$(pkg-config --variable=libdir voicelint)
# shellcheck disable=SC2046,SC2086
"$cc" $cflags -std=c99 -o "$tmp/consumer-pc" "$source/consumer.c" \
  $(pkg-config --cflags --libs voicelint) -Wl,-rpath,"$libdir"
out=$("$tmp/consumer-pc")
if [ "$out" != "$expected" ]; then
  printf 'pkg-config consumer printed:\n%s\nexpected:\n%s\n' "$out" "$expected" >&2
  exit 1
fi
echo "pkg-config voicelint: ok"
