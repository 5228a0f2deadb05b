#!/usr/bin/env bash
# Ships the version in progress: copies its built install script and its upgrade script into
# releases/, where they are never edited again.  After this, test/shell/upgrade.sh fails as soon as
# the SQL sources no longer build the frozen scripts: the next change must start a new version
# (EXTVERSION, UPGRADE_FROM and the number range of the new files in the Makefile, default_version
# in the control file, an empty src/sql/upgrade/A--B.sql).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^EXTVERSION *= *//p' Makefile)
from=$(sed -n 's/^UPGRADE_FROM *= *//p' Makefile)
[ ! -e "releases/iec62443p2--$version.sql" ] || { echo "freeze-release: $version is already released" >&2; exit 1; }
make -s "iec62443p2--$version.sql" "iec62443p2--$from--$version.sql"
cp "iec62443p2--$version.sql" "iec62443p2--$from--$version.sql" releases/
rm -f "iec62443p2--$version.sql" "iec62443p2--$from--$version.sql"
echo "freeze-release: releases/iec62443p2--$version.sql and releases/iec62443p2--$from--$version.sql"
