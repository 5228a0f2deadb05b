/*
 * cvss_v4_tables.h: constant data of the CVSS v4.0 scoring algorithm.
 *
 * Source: FIRSTdotorg/cvss-v4-calculator @c5b0d40 (BSD-2-Clause):
 * cvss_lookup.js (macrovector scores), max_composed.js (highest-severity
 * vectors of each EQ level) and max_severity.js (depth of each EQ level).
 * Transcribed into C; the unit test re-checks the macrovector scores
 * against test/data/cvss/v4/macrovector_scores.tsv.
 *
 * Metric values appear as severity levels, 0 = most severe, in steps of the
 * calculator's 0.1:
 *		AV N0 A1 L2 P3		PR N0 L1 H2		UI N0 P1 A2
 *		AC L0 H1			AT N0 P1
 *		VC/VI/VA H0 L1 N2	CR/IR/AR H0 M1 L2
 *		SC H1 L2 N3			SI/SA S0 H1 L2 N3
 *
 * Included by cvss_core.c only (and by the unit test, to check the data).
 */
#ifndef CVSS_V4_TABLES_H
#define CVSS_V4_TABLES_H

#include <stdint.h>

/*
 * Score in tenths of each macrovector, indexed [EQ1][EQ2][EQ3][EQ4][EQ5][EQ6].
 * EQ3 level 2 (no H among VC/VI/VA) always has EQ6 level 1, so the
 * [..][2][..][..][0] cells are never read and hold 0.
 */
static const uint8_t v4_macrovector_score[3][2][3][3][3][2] = {
	{
		{
			{ /* EQ1 0, EQ2 0, EQ3 0 */
				{{100, 99}, {98, 95}, {95, 92}},
				{{100, 96}, {93, 87}, {91, 81}},
				{{93, 90}, {89, 80}, {81, 68}}
			},
			{ /* EQ1 0, EQ2 0, EQ3 1 */
				{{98, 95}, {95, 92}, {90, 84}},
				{{93, 92}, {89, 81}, {81, 65}},
				{{88, 80}, {78, 70}, {69, 48}}
			},
			{ /* EQ1 0, EQ2 0, EQ3 2 */
				{{0, 92}, {0, 82}, {0, 72}},
				{{0, 79}, {0, 69}, {0, 50}},
				{{0, 69}, {0, 55}, {0, 27}}
			}
		},
		{
			{ /* EQ1 0, EQ2 1, EQ3 0 */
				{{99, 97}, {95, 92}, {92, 85}},
				{{95, 91}, {90, 83}, {84, 71}},
				{{92, 81}, {82, 71}, {72, 53}}
			},
			{ /* EQ1 0, EQ2 1, EQ3 1 */
				{{95, 93}, {92, 85}, {85, 73}},
				{{92, 82}, {80, 72}, {70, 59}},
				{{84, 70}, {71, 52}, {50, 30}}
			},
			{ /* EQ1 0, EQ2 1, EQ3 2 */
				{{0, 86}, {0, 75}, {0, 52}},
				{{0, 71}, {0, 52}, {0, 29}},
				{{0, 63}, {0, 29}, {0, 17}}
			}
		}
	},
	{
		{
			{ /* EQ1 1, EQ2 0, EQ3 0 */
				{{98, 95}, {94, 87}, {91, 81}},
				{{94, 89}, {86, 74}, {77, 64}},
				{{87, 75}, {74, 63}, {63, 49}}
			},
			{ /* EQ1 1, EQ2 0, EQ3 1 */
				{{94, 89}, {88, 77}, {76, 67}},
				{{86, 76}, {74, 58}, {59, 50}},
				{{72, 57}, {57, 52}, {52, 25}}
			},
			{ /* EQ1 1, EQ2 0, EQ3 2 */
				{{0, 83}, {0, 70}, {0, 54}},
				{{0, 65}, {0, 58}, {0, 26}},
				{{0, 53}, {0, 21}, {0, 13}}
			}
		},
		{
			{ /* EQ1 1, EQ2 1, EQ3 0 */
				{{95, 90}, {88, 76}, {76, 70}},
				{{90, 77}, {75, 62}, {61, 53}},
				{{77, 66}, {68, 59}, {52, 30}}
			},
			{ /* EQ1 1, EQ2 1, EQ3 1 */
				{{89, 78}, {76, 67}, {62, 58}},
				{{74, 59}, {57, 57}, {47, 23}},
				{{61, 52}, {57, 29}, {24, 16}}
			},
			{ /* EQ1 1, EQ2 1, EQ3 2 */
				{{0, 71}, {0, 59}, {0, 30}},
				{{0, 58}, {0, 26}, {0, 15}},
				{{0, 23}, {0, 13}, {0, 6}}
			}
		}
	},
	{
		{
			{ /* EQ1 2, EQ2 0, EQ3 0 */
				{{93, 87}, {86, 72}, {75, 58}},
				{{86, 74}, {74, 61}, {56, 34}},
				{{70, 54}, {52, 40}, {40, 22}}
			},
			{ /* EQ1 2, EQ2 0, EQ3 1 */
				{{85, 75}, {74, 55}, {62, 51}},
				{{72, 57}, {55, 41}, {46, 19}},
				{{53, 36}, {34, 19}, {19, 8}}
			},
			{ /* EQ1 2, EQ2 0, EQ3 2 */
				{{0, 64}, {0, 51}, {0, 20}},
				{{0, 47}, {0, 21}, {0, 11}},
				{{0, 24}, {0, 9}, {0, 4}}
			}
		},
		{
			{ /* EQ1 2, EQ2 1, EQ3 0 */
				{{88, 75}, {73, 53}, {60, 50}},
				{{73, 55}, {59, 40}, {41, 20}},
				{{54, 43}, {45, 22}, {20, 11}}
			},
			{ /* EQ1 2, EQ2 1, EQ3 1 */
				{{75, 55}, {58, 45}, {40, 21}},
				{{61, 51}, {48, 18}, {20, 9}},
				{{46, 18}, {17, 7}, {8, 2}}
			},
			{ /* EQ1 2, EQ2 1, EQ3 2 */
				{{0, 53}, {0, 24}, {0, 14}},
				{{0, 24}, {0, 12}, {0, 5}},
				{{0, 10}, {0, 3}, {0, 1}}
			}
		}
	}
};

/*
 * Highest-severity vectors of each EQ level, as metric levels.  The scorer
 * takes, per EQ, the first listed vector that is at least as severe in every
 * metric as the vector being scored (one always exists).
 */
typedef struct v4_max_list
{
	uint8_t		count;
	uint8_t		level[5][6];
} v4_max_list;

/* EQ1: AV, PR, UI */
static const v4_max_list v4_eq1_max[3] = {
	{1, {{0, 0, 0}}},
	{3, {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
	{2, {{3, 0, 0}, {1, 1, 1}}}
};

/* EQ2: AC, AT */
static const v4_max_list v4_eq2_max[2] = {
	{1, {{0, 0}}},
	{2, {{1, 0}, {0, 1}}}
};

/* EQ3 and EQ6 together, [EQ3][EQ6]: VC, VI, VA, CR, IR, AR */
static const v4_max_list v4_eq3eq6_max[3][2] = {
	{
		{1, {{0, 0, 0, 0, 0, 0}}},
		{2, {{0, 0, 1, 1, 1, 0}, {0, 0, 0, 1, 1, 1}}}
	},
	{
		{2, {{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}}},
		{5, {{1, 0, 1, 0, 1, 0}, {1, 0, 0, 0, 1, 1}, {0, 1, 0, 1, 0, 1},
			 {0, 1, 1, 1, 0, 0}, {1, 1, 0, 0, 0, 1}}}
	},
	{
		{0, {{0}}},				/* never read, see v4_macrovector_score */
		{1, {{1, 1, 1, 0, 0, 0}}}
	}
};

/* EQ4: SC, SI, SA */
static const v4_max_list v4_eq4_max[3] = {
	{1, {{1, 0, 0}}},
	{1, {{1, 1, 1}}},
	{1, {{2, 2, 2}}}
};

/* Depth of each EQ level in severity steps (EQ5 does not interpolate). */
static const uint8_t v4_eq1_depth[3] = {1, 4, 5};
static const uint8_t v4_eq2_depth[2] = {1, 2};
static const uint8_t v4_eq3eq6_depth[3][2] = {{7, 6}, {8, 8}, {0, 10}};
static const uint8_t v4_eq4_depth[3] = {6, 5, 4};

#endif							/* CVSS_V4_TABLES_H */
