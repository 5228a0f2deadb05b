# iec62443p2: built with PGXS.  `make && sudo make install`, then CREATE EXTENSION iec62443p2.
# The two commands a newcomer needs (they install what is missing and run a throwaway cluster):
#   bash scripts/demo.sh     bash scripts/test.sh

EXTENSION  = iec62443p2
EXTVERSION = 0.1.0

MODULE_big = $(EXTENSION)
# every C file of src/: one per type or feature, and their PostgreSQL-free cores (*_core.c)
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is the SQL sources concatenated in file-name order.
SQL_SOURCES = $(sort $(wildcard src/sql/*.sql))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard $(EXTENSION)--*--*.sql))

# every pg_regress test of sql/ (each creates and drops the extension itself)
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PG_CFLAGS = -std=c99 -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(DATA_built): $(SQL_SOURCES) Makefile
	cat $(SQL_SOURCES) > $@

.PHONY: bench
bench:
	bash scripts/bench.sh
