/*
 * iec62443p2.c: the module's one PG_MODULE_MAGIC.  Types and functions live
 * in a file each (cvss.c, sl_vector.c, ...); their PostgreSQL-free cores in
 * *_core.c.
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
