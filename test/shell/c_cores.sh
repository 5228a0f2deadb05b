#!/usr/bin/env bash
# The PostgreSQL-free C cores, tested alone: every reference vector through the CVSS core, and
# the unit tests of the sl_vector, vers and risk matrix cores.
set -uo pipefail
cd "$(dirname "$0")/../c"
out=$(make -s unit 2>&1) || { printf '%s\n' "$out" | tail -40; exit 1; }
printf '%s\n' "$out" | grep '^total'
out=$(make -s -f Makefile.scoring unit 2>&1) || { printf '%s\n' "$out" | tail -40; exit 1; }
printf '%s\n' "$out" | tail -1
