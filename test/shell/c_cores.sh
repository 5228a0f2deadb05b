#!/usr/bin/env bash
# The PostgreSQL-free C cores, tested alone: every reference vector through the CVSS core, and
# the unit tests of the sl_vector, vers and risk matrix cores.
set -uo pipefail
cd "$(dirname "$0")/../c"
out=$(make -s unit 2>&1) || { printf '%s\n' "$out" | tail -40; exit 1; }
printf '%s\n' "$out" | grep '^total'
out=$(make -s -f Makefile.scoring unit 2>&1) || { printf '%s\n' "$out" | tail -40; exit 1; }
printf '%s\n' "$out" | tail -1
# The SSVC core alone: every row of the four decision tables in test/data/ssvc, and its vocabulary.
mkdir -p build
gcc -std=c99 -O2 -Wall -Wextra -Werror -Wmissing-prototypes -Wpointer-arith -Wdeclaration-after-statement \
  -Werror=vla -Wshadow -Wimplicit-fallthrough=3 -fno-strict-aliasing -fwrapv \
  -I../../src ssvc_unit.c ../../src/ssvc_core.c -o build/ssvc_unit || exit 1
build/ssvc_unit ../data/ssvc || exit 1
