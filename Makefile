# iec62443p2: built with PGXS.  `make && sudo make install`, then CREATE EXTENSION iec62443p2.
# The two commands a newcomer needs (they install what is missing and run a throwaway cluster):
#   bash scripts/demo.sh     bash scripts/test.sh

EXTENSION  = iec62443p2
EXTVERSION = 0.2.0

MODULE_big = $(EXTENSION)
# every C file of src/: one per type or feature, and their PostgreSQL-free cores (*_core.c)
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is the SQL sources concatenated in file-name order.
SQL_SOURCES = $(sort $(wildcard src/sql/*.sql))
# The upgrade script of the release in progress: the changes to objects of earlier releases that
# new objects rely on (-pre), the files new in the release (6xx for 0.2.0), then the other changes.
# Frozen into releases/ when it ships.
UPGRADE_FROM    = 0.1.0
UPGRADE_SOURCES = src/sql/upgrade/$(UPGRADE_FROM)--$(EXTVERSION)-pre.sql $(sort $(wildcard src/sql/6*.sql)) \
                  src/sql/upgrade/$(UPGRADE_FROM)--$(EXTVERSION).sql
# released scripts, never edited: full scripts and upgrade scripts of every shipped version
DATA        = $(sort $(wildcard releases/$(EXTENSION)--*.sql))
# until the version in progress ships (scripts/freeze-release.sh), its scripts are built
ifeq ($(wildcard releases/$(EXTENSION)--$(EXTVERSION).sql),)
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql $(EXTENSION)--$(UPGRADE_FROM)--$(EXTVERSION).sql
endif

# every pg_regress test of sql/ (each creates and drops the extension itself)
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PG_CFLAGS = -std=c99 -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_SOURCES) Makefile
	cat $(SQL_SOURCES) > $@

$(EXTENSION)--$(UPGRADE_FROM)--$(EXTVERSION).sql: $(UPGRADE_SOURCES) Makefile
	( printf '%s\n' '-- iec62443p2 upgrade $(UPGRADE_FROM) -> $(EXTVERSION)' \
	    '\echo Use "ALTER EXTENSION iec62443p2 UPDATE" to load this file. \quit'; \
	  cat $(UPGRADE_SOURCES) ) > $@

.PHONY: bench
bench:
	bash scripts/bench.sh
