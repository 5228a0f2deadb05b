/*
 * maintenance_plan_core.c: the greedy placement of maintenance_plan_core.h.
 * O((n_occ + n_items) log n_occ) plus, per item, the occurrences of its site
 * it has to skip because they are full.
 */
#include "maintenance_plan_core.h"

#include <stdlib.h>

static int
slot_cmp(const void *a, const void *b)
{
	const mp_slot *x = a;
	const mp_slot *y = b;

	if (x->site != y->site)
		return x->site < y->site ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

/* First slot in [lo, hi) with site >= site (slots sorted by site). */
static size_t
first_of_site(const mp_slot *slots, size_t lo, size_t hi, int32_t site)
{
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (slots[mid].site < site)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First slot in [lo, hi) with site > site. */
static size_t
past_site(const mp_slot *slots, size_t lo, size_t hi, int32_t site)
{
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (slots[mid].site <= site)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First slot in [lo, hi) (one site, sorted by start) with start >= t. */
static size_t
first_starting_at(const mp_slot *slots, size_t lo, size_t hi, int64_t t)
{
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (slots[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static mp_status
unplaced_reason(const mp_slot *slots, size_t lo, size_t hi, const mp_item *item)
{
	int64_t		max_capacity = 0;
	int			after = 0;
	size_t		s;

	if (lo == hi)
		return MP_NO_WINDOW;
	for (s = lo; s < hi; s++)
	{
		if (slots[s].capacity > max_capacity)
			max_capacity = slots[s].capacity;
		/* could take the item after its not-before when empty */
		if (slots[s].capacity >= item->duration &&
			slots[s].start + slots[s].capacity - item->duration >= item->not_before)
			after = 1;
	}
	if (item->duration > max_capacity)
		return MP_TOO_LONG;
	if (!after)
		return MP_AFTER_HORIZON;
	return MP_NO_CAPACITY;
}

mp_status
mp_plan(const mp_item *items, size_t n_items,
		const mp_occurrence *occurrences, size_t n_occ,
		mp_slot *scratch, mp_result *results)
{
	int64_t		max_capacity = 0;
	size_t		i;

	for (i = 0; i < n_occ; i++)
	{
		const mp_occurrence *o = &occurrences[i];

		if (o->capacity <= 0 || o->start > INT64_MAX - o->capacity)
			return MP_BAD_INPUT;
		scratch[i].site = o->site;
		scratch[i].start = o->start;
		scratch[i].capacity = o->capacity;
		scratch[i].used = 0;
		scratch[i].index = i;
		if (o->capacity > max_capacity)
			max_capacity = o->capacity;
	}
	for (i = 0; i < n_items; i++)
		if (items[i].duration <= 0)
			return MP_BAD_INPUT;
	if (n_occ > 1)
		qsort(scratch, n_occ, sizeof(mp_slot), slot_cmp);

	for (i = 0; i < n_items; i++)
	{
		const mp_item *item = &items[i];
		size_t		lo = first_of_site(scratch, 0, n_occ, item->site);
		size_t		hi = past_site(scratch, lo, n_occ, item->site);
		size_t		s;

		results[i].status = MP_NO_CAPACITY;
		results[i].occurrence = 0;
		results[i].start = 0;
		/*
		 * A slot's next free time start + used is at most start +
		 * max_capacity, so slots starting before not_before - max_capacity
		 * can never take the item.
		 */
		s = (item->not_before > INT64_MIN + max_capacity)
			? first_starting_at(scratch, lo, hi, item->not_before - max_capacity)
			: lo;
		for (; s < hi; s++)
		{
			mp_slot    *slot = &scratch[s];
			int64_t		free_at = slot->start + slot->used;

			if (free_at >= item->not_before && slot->capacity - slot->used >= item->duration)
			{
				results[i].status = MP_PLACED;
				results[i].occurrence = slot->index;
				results[i].start = free_at;
				slot->used += item->duration;
				break;
			}
		}
		if (results[i].status != MP_PLACED)
			results[i].status = unplaced_reason(scratch, lo, hi, item);
	}
	return MP_PLACED;
}

const char *
mp_status_reason(mp_status status)
{
	switch (status)
	{
		case MP_PLACED:
			return NULL;
		case MP_NO_WINDOW:
			return "no_window";
		case MP_TOO_LONG:
			return "too_long";
		case MP_AFTER_HORIZON:
			return "no_window_after_not_before";
		case MP_NO_CAPACITY:
			return "no_capacity";
		case MP_BAD_INPUT:
			return "bad_input";
	}
	return "bad_input";
}
