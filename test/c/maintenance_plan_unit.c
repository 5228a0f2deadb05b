/*
 * maintenance_plan_unit.c: unit tests for maintenance_plan_core (the greedy
 * placement of work items into maintenance window occurrences), including a
 * randomised check of its invariants against a brute-force re-check.  Exits
 * non-zero when any check fails.
 */
#include "maintenance_plan_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	checks_run = 0;
static int	checks_failed = 0;

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)

static void
check(int ok, const char *what, const char *file, int line)
{
	checks_run++;
	if (!ok)
	{
		checks_failed++;
		fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	}
}

#define H 3600			/* one hour, in this test's unit (seconds) */

static void
test_basics(void)
{
	/* site 1: occurrences at day 0 and day 7, 4 h each; site 2: one at day 1, 2 h */
	mp_occurrence occ[] = {
		{1, 7 * 24 * H, 4 * H},
		{2, 24 * H, 2 * H},
		{1, 0, 4 * H},
	};
	mp_item		items[] = {
		{1, 3 * H, 0},			/* first fit: occurrence 2 (day 0), at 0 */
		{1, 2 * H, 0},			/* 1 h left at day 0: goes to day 7 */
		{1, 1 * H, 0},			/* fits the hour left at day 0, back to back at 3 h */
		{2, 2 * H, 0},			/* site 2 fills exactly */
		{2, 1 * H, 0},			/* site 2 full */
		{1, 5 * H, 0},			/* longer than every window at site 1 */
		{3, 1 * H, 0},			/* no window at site 3 */
		{1, 1 * H, 8 * 24 * H},	/* not before day 8: none left */
		{1, 1 * H, 7 * 24 * H + 2 * H},	/* next free at day 7 is 7d+2h: fits exactly there */
		{1, 1 * H, 7 * 24 * H + 3 * H + 1},	/* would end after the window even alone */
	};
	mp_slot		scratch[3];
	mp_result	r[10];

	CHECK(mp_plan(items, 10, occ, 3, scratch, r) == MP_PLACED);
	CHECK(r[0].status == MP_PLACED && r[0].occurrence == 2 && r[0].start == 0);
	CHECK(r[1].status == MP_PLACED && r[1].occurrence == 0 && r[1].start == 7 * 24 * H);
	CHECK(r[2].status == MP_PLACED && r[2].occurrence == 2 && r[2].start == 3 * H);
	CHECK(r[3].status == MP_PLACED && r[3].occurrence == 1 && r[3].start == 24 * H);
	CHECK(r[4].status == MP_NO_CAPACITY);
	CHECK(r[5].status == MP_TOO_LONG);
	CHECK(r[6].status == MP_NO_WINDOW);
	CHECK(r[7].status == MP_AFTER_HORIZON);
	CHECK(r[8].status == MP_PLACED && r[8].occurrence == 0 && r[8].start == 7 * 24 * H + 2 * H);
	CHECK(r[9].status == MP_AFTER_HORIZON);
	CHECK(strcmp(mp_status_reason(MP_TOO_LONG), "too_long") == 0);
	CHECK(strcmp(mp_status_reason(MP_NO_WINDOW), "no_window") == 0);
	CHECK(strcmp(mp_status_reason(MP_AFTER_HORIZON), "no_window_after_not_before") == 0);
	CHECK(strcmp(mp_status_reason(MP_NO_CAPACITY), "no_capacity") == 0);
	CHECK(mp_status_reason(MP_PLACED) == NULL);
}

static void
test_bad_input(void)
{
	mp_occurrence occ[] = {{1, 0, 0}};
	mp_occurrence good[] = {{1, 0, H}};
	mp_item		zero[] = {{1, 0, 0}};
	mp_item		one[] = {{1, H, 0}};
	mp_slot		scratch[1];
	mp_result	r[1];

	CHECK(mp_plan(one, 1, occ, 1, scratch, r) == MP_BAD_INPUT);
	CHECK(mp_plan(zero, 1, good, 1, scratch, r) == MP_BAD_INPUT);
	/* nothing at all is fine */
	CHECK(mp_plan(NULL, 0, NULL, 0, scratch, r) == MP_PLACED);
	/* an item with no occurrences at all */
	CHECK(mp_plan(one, 1, NULL, 0, scratch, r) == MP_PLACED && r[0].status == MP_NO_WINDOW);
}

/* ties: equal starts are taken in the order given */
static void
test_ties(void)
{
	mp_occurrence occ[] = {{1, 0, H}, {1, 0, H}};
	mp_item		items[] = {{1, H, 0}, {1, H, 0}};
	mp_slot		scratch[2];
	mp_result	r[2];

	CHECK(mp_plan(items, 2, occ, 2, scratch, r) == MP_PLACED);
	CHECK(r[0].occurrence == 0 && r[1].occurrence == 1);
}

static unsigned long rng_state = 62443;

static int
rnd(int n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (int) ((rng_state >> 33) % (unsigned long) n);
}

/*
 * Random plans: no occurrence overfilled, no item before its not-before or
 * at another site, items in one occurrence back to back from its start, and
 * an unplaced item with reason no_capacity has no occurrence that starts at or
 * after its not-before with room left for it.
 */
static void
test_random(void)
{
	enum {N_OCC = 60, N_ITEMS = 300, ROUNDS = 200};
	mp_occurrence occ[N_OCC];
	mp_item		items[N_ITEMS];
	mp_slot		scratch[N_OCC];
	mp_result	r[N_ITEMS];
	int64_t		used[N_OCC];
	int			round, i, j, bad = 0;

	for (round = 0; round < ROUNDS; round++)
	{
		int			n_occ = rnd(N_OCC + 1);
		int			n_items = rnd(N_ITEMS + 1);

		for (i = 0; i < n_occ; i++)
		{
			occ[i].site = rnd(5);
			occ[i].start = (int64_t) rnd(60) * 24 * H + rnd(24) * H;
			occ[i].capacity = (1 + rnd(8)) * H / 2;
		}
		for (i = 0; i < n_items; i++)
		{
			items[i].site = rnd(6);
			items[i].duration = (1 + rnd(10)) * H / 4;
			items[i].not_before = (int64_t) rnd(70) * 24 * H;
		}
		if (mp_plan(items, n_items, occ, n_occ, scratch, r) != MP_PLACED)
		{
			bad++;
			continue;
		}
		memset(used, 0, sizeof(used));
		for (i = 0; i < n_items; i++)
		{
			if (r[i].status != MP_PLACED)
				continue;
			j = (int) r[i].occurrence;
			if (occ[j].site != items[i].site || r[i].start < items[i].not_before ||
				r[i].start != occ[j].start + used[j])	/* back to back, in placing order */
				bad++;
			used[j] += items[i].duration;
		}
		for (j = 0; j < n_occ; j++)
			if (used[j] > occ[j].capacity)
				bad++;
		for (i = 0; i < n_items; i++)
		{
			if (r[i].status != MP_NO_CAPACITY)
				continue;
			for (j = 0; j < n_occ; j++)
				if (occ[j].site == items[i].site && occ[j].start >= items[i].not_before &&
					occ[j].capacity - used[j] >= items[i].duration)
					bad++;
		}
	}
	CHECK(bad == 0);
}

int
main(void)
{
	test_basics();
	test_bad_input();
	test_ties();
	test_random();
	printf("maintenance_plan_core: %d checks, %d failed\n", checks_run, checks_failed);
	return checks_failed == 0 ? 0 : 1;
}
