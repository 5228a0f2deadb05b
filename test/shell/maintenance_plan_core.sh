#!/usr/bin/env bash
# The PostgreSQL-free placement core alone (maintenance_plan_core.c): its unit tests, with
# PostgreSQL's warning set, and under valgrind when it is installed.
set -uo pipefail
cd "$(dirname "$0")/../c"
mkdir -p build
gcc -std=c99 -O2 -Wall -Wextra -Werror -Wmissing-prototypes -Wpointer-arith -Wdeclaration-after-statement \
  -Werror=vla -Wshadow -Wimplicit-fallthrough=3 -Wformat-security -fno-strict-aliasing -fwrapv \
  -I../../src maintenance_plan_unit.c ../../src/maintenance_plan_core.c -o build/maintenance_plan_unit || exit 1
if command -v valgrind >/dev/null 2>&1; then
  valgrind -q --error-exitcode=1 --leak-check=full build/maintenance_plan_unit || exit 1
else
  build/maintenance_plan_unit || exit 1
fi
