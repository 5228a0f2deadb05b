/*
 * maintenance_plan_core.h: placing work items into maintenance window
 * occurrences, free of PostgreSQL.
 *
 * Times are integers of one unit (PostgreSQL's microseconds in the
 * extension), so capacities add up exactly.  The rule:
 *	- items are placed one after the other in the order given (the caller
 *	  orders them: highest priority first, ties by not-before, then id);
 *	- an item goes into the earliest occurrence (by start, then position)
 *	  at its site whose next free time (start + the durations already placed
 *	  there) is at or after the item's not-before and whose remaining
 *	  capacity is at least the item's duration;
 *	- inside an occurrence items are back to back from its start, so the
 *	  used part never exceeds the capacity (never overfilled);
 *	- an item that cannot be placed gets the first reason that holds:
 *	  no window at its site, longer than the capacity of every occurrence at
 *	  its site, no occurrence at its site that could take it after its
 *	  not-before even empty, else no remaining capacity.
 */
#ifndef MAINTENANCE_PLAN_CORE_H
#define MAINTENANCE_PLAN_CORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct mp_item
{
	int32_t		site;			/* site key, compared for equality */
	int64_t		duration;		/* > 0 */
	int64_t		not_before;		/* earliest planned start */
} mp_item;

typedef struct mp_occurrence
{
	int32_t		site;
	int64_t		start;
	int64_t		capacity;		/* > 0 */
} mp_occurrence;

typedef enum mp_status
{
	MP_PLACED = 0,
	MP_NO_WINDOW,				/* no occurrence at the item's site */
	MP_TOO_LONG,				/* duration > capacity of every occurrence at the site */
	MP_AFTER_HORIZON,			/* no occurrence at the site could take it after not-before */
	MP_NO_CAPACITY,				/* every occurrence that could take it is full */
	MP_BAD_INPUT				/* returned by mp_plan, never an item status */
} mp_status;

typedef struct mp_result
{
	mp_status	status;
	size_t		occurrence;		/* index into the occurrences given, when placed */
	int64_t		start;			/* planned start, when placed; end = start + duration */
} mp_result;

/* Scratch space the caller provides: one per occurrence. */
typedef struct mp_slot
{
	int32_t		site;
	int64_t		start;
	int64_t		capacity;
	int64_t		used;
	size_t		index;
} mp_slot;

/*
 * Places n_items items into n_occ occurrences; results[i] is item i's.
 * Returns MP_PLACED (0) on success, MP_BAD_INPUT when a duration or a
 * capacity is not positive or a start + capacity overflows (results are
 * then unspecified).
 */
extern mp_status mp_plan(const mp_item *items, size_t n_items,
						 const mp_occurrence *occurrences, size_t n_occ,
						 mp_slot *scratch, mp_result *results);

/* "no_window", "too_long", "no_window_after_not_before", "no_capacity"; NULL when placed. */
extern const char *mp_status_reason(mp_status status);

#endif
