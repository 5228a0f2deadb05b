/*
 * maintenance_plan.c: maintenance_plan_assign(), thin glue over
 * maintenance_plan_core.c.  plan_maintenance() (630_maintenance_window.sql)
 * orders the items, computes the occurrences and calls it.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "maintenance_plan_core.h"

PG_FUNCTION_INFO_V1(maintenance_plan_assign);

/* The elements of a one-dimensional array without NULLs, of a fixed-width by-value type. */
static Datum *
array_elements(ArrayType *array, Oid type, int width, const char *what, int *count)
{
	Datum	   *values;
	bool	   *nulls;
	int			i;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("maintenance_plan_assign: %s must be a one-dimensional array", what)));
	deconstruct_array(array, type, width, true, width == 4 ? TYPALIGN_INT : TYPALIGN_DOUBLE,
					  &values, &nulls, count);
	for (i = 0; i < *count; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("maintenance_plan_assign: %s has a NULL at position %d", what, i + 1)));
	return values;
}

Datum
maintenance_plan_assign(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			n_items,
				n;
	int			n_occ;
	Datum	   *item_site,
			   *item_duration,
			   *item_not_before,
			   *occ_site,
			   *occ_start,
			   *occ_capacity;
	mp_item    *items;
	mp_occurrence *occ;
	mp_slot    *scratch;
	mp_result  *results;
	int			i;

	item_site = array_elements(PG_GETARG_ARRAYTYPE_P(0), INT4OID, 4, "item_site", &n_items);
	item_duration = array_elements(PG_GETARG_ARRAYTYPE_P(1), INT8OID, 8, "item_duration", &n);
	if (n != n_items)
		goto length_mismatch;
	item_not_before = array_elements(PG_GETARG_ARRAYTYPE_P(2), TIMESTAMPTZOID, 8, "item_not_before", &n);
	if (n != n_items)
		goto length_mismatch;
	occ_site = array_elements(PG_GETARG_ARRAYTYPE_P(3), INT4OID, 4, "occurrence_site", &n_occ);
	occ_start = array_elements(PG_GETARG_ARRAYTYPE_P(4), TIMESTAMPTZOID, 8, "occurrence_start", &n);
	if (n != n_occ)
		goto length_mismatch;
	occ_capacity = array_elements(PG_GETARG_ARRAYTYPE_P(5), INT8OID, 8, "occurrence_capacity", &n);
	if (n != n_occ)
		goto length_mismatch;

	items = palloc(sizeof(mp_item) * (n_items + 1));
	results = palloc(sizeof(mp_result) * (n_items + 1));
	occ = palloc(sizeof(mp_occurrence) * (n_occ + 1));
	scratch = palloc(sizeof(mp_slot) * (n_occ + 1));
	for (i = 0; i < n_items; i++)
	{
		items[i].site = DatumGetInt32(item_site[i]);
		items[i].duration = DatumGetInt64(item_duration[i]);
		items[i].not_before = DatumGetTimestampTz(item_not_before[i]);
		if (items[i].duration <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("maintenance_plan_assign: item %d has duration %lld, not positive",
							i + 1, (long long) items[i].duration)));
	}
	for (i = 0; i < n_occ; i++)
	{
		occ[i].site = DatumGetInt32(occ_site[i]);
		occ[i].start = DatumGetTimestampTz(occ_start[i]);
		occ[i].capacity = DatumGetInt64(occ_capacity[i]);
		if (occ[i].capacity <= 0 || TIMESTAMP_NOT_FINITE(occ[i].start))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("maintenance_plan_assign: occurrence %d needs a finite start and a positive capacity", i + 1)));
	}
	if (mp_plan(items, n_items, occ, n_occ, scratch, results) != MP_PLACED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("maintenance_plan_assign: invalid occurrences or items")));

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < n_items; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = Int32GetDatum(i + 1);
		if (results[i].status == MP_PLACED)
		{
			values[1] = Int32GetDatum((int32) results[i].occurrence + 1);
			values[2] = TimestampTzGetDatum(results[i].start);
			nulls[3] = true;
		}
		else
		{
			nulls[1] = nulls[2] = true;
			values[3] = CStringGetTextDatum(mp_status_reason(results[i].status));
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();

length_mismatch:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("maintenance_plan_assign: the item arrays, and the occurrence arrays, must have equal lengths")));
	PG_RETURN_NULL();
}
