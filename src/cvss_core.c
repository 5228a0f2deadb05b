/*
 * cvss_core.c: CVSS v2.0, v3.0, v3.1 and v4.0 parsing, canonical text,
 * scoring and packing.  See cvss_core.h for the contract.
 *
 * Scores are computed in integers wherever the specification's arithmetic
 * is finite decimal, so that ties round as the specification says rather
 * than as binary floating point happens to land; only the v3.x
 * scope-changed impact, with its 13th/15th power, uses double, and it is
 * then rounded at 1e-5 as the v3.1 Appendix A prescribes.
 */
#include "cvss_core.h"
#include "ascii.h"

#include <string.h>

#include "cvss_v4_tables.h"

/* "CVSS:3.0", "CVSS:3.1", "CVSS:4.0" */
#define PREFIX_LENGTH	8

/* a score byte meaning "not defined", in cvss_vector and the packed form */
#define STORED_NOT_DEFINED	255

/* bytes 2..10 of the packed form hold the metric codes */
#define PACKED_METRICS_OFFSET	2
#define PACKED_SCORES_OFFSET	11
#define PACKED_RESERVED_OFFSET	15

/*
 * Metric names and values are kept NUL-padded in fixed-size arrays, and
 * input tokens are padded alike, so that matching one is a fixed-size
 * memcmp, which compilers turn into a couple of integer compares.
 */
#define NAME_SIZE	4
#define VALUE_SIZE	6

typedef struct metric_def
{
	char		name[NAME_SIZE];
	uint8_t		value_count;	/* defined values, not counting X / ND */
	char		values[5][VALUE_SIZE];	/* value code = index + 1 */
} metric_def;

/*
 * The metrics of each group are contiguous, in this order: base (all
 * mandatory), temporal (v4.0: threat), environmental, supplemental.
 */
typedef struct version_def
{
	char		prefix[PREFIX_LENGTH + 1];	/* "CVSS:3.1"; empty for v2.0 */
	char		name[4];		/* "3.1" */
	char		not_defined[VALUE_SIZE];	/* "X"; "ND" for v2.0 */
	uint8_t		metric_count;
	uint8_t		base_count;		/* = index of the first temporal metric */
	uint8_t		first_environmental;
	uint8_t		first_supplemental; /* = metric_count without any */
	uint8_t		first_requirement;	/* index of CR; IR and AR follow */
	const metric_def *metrics;
} version_def;

enum
{
	V2_AV, V2_AC, V2_AU, V2_C, V2_I, V2_A, V2_E, V2_RL, V2_RC, V2_CDP,
	V2_TD, V2_CR, V2_IR, V2_AR, V2_METRIC_COUNT
};

static const metric_def v2_metrics[V2_METRIC_COUNT] = {
	[V2_AV] = {"AV", 3, {"L", "A", "N"}},
	[V2_AC] = {"AC", 3, {"H", "M", "L"}},
	[V2_AU] = {"Au", 3, {"M", "S", "N"}},
	[V2_C] = {"C", 3, {"N", "P", "C"}},
	[V2_I] = {"I", 3, {"N", "P", "C"}},
	[V2_A] = {"A", 3, {"N", "P", "C"}},
	[V2_E] = {"E", 4, {"U", "POC", "F", "H"}},
	[V2_RL] = {"RL", 4, {"OF", "TF", "W", "U"}},
	[V2_RC] = {"RC", 3, {"UC", "UR", "C"}},
	[V2_CDP] = {"CDP", 5, {"N", "L", "LM", "MH", "H"}},
	[V2_TD] = {"TD", 4, {"N", "L", "M", "H"}},
	[V2_CR] = {"CR", 3, {"L", "M", "H"}},
	[V2_IR] = {"IR", 3, {"L", "M", "H"}},
	[V2_AR] = {"AR", 3, {"L", "M", "H"}}
};

/* MAV..MA mirror AV..A in order and value codes, see v3_scores */
enum
{
	V3_AV, V3_AC, V3_PR, V3_UI, V3_S, V3_C, V3_I, V3_A, V3_E, V3_RL, V3_RC,
	V3_CR, V3_IR, V3_AR, V3_MAV, V3_MAC, V3_MPR, V3_MUI, V3_MS, V3_MC, V3_MI,
	V3_MA, V3_METRIC_COUNT
};

#define V3_SCOPE_CHANGED 2

static const metric_def v3_metrics[V3_METRIC_COUNT] = {
	[V3_AV] = {"AV", 4, {"N", "A", "L", "P"}},
	[V3_AC] = {"AC", 2, {"L", "H"}},
	[V3_PR] = {"PR", 3, {"N", "L", "H"}},
	[V3_UI] = {"UI", 2, {"N", "R"}},
	[V3_S] = {"S", 2, {"U", "C"}},
	[V3_C] = {"C", 3, {"H", "L", "N"}},
	[V3_I] = {"I", 3, {"H", "L", "N"}},
	[V3_A] = {"A", 3, {"H", "L", "N"}},
	[V3_E] = {"E", 4, {"H", "F", "P", "U"}},
	[V3_RL] = {"RL", 4, {"U", "W", "T", "O"}},
	[V3_RC] = {"RC", 3, {"C", "R", "U"}},
	[V3_CR] = {"CR", 3, {"H", "M", "L"}},
	[V3_IR] = {"IR", 3, {"H", "M", "L"}},
	[V3_AR] = {"AR", 3, {"H", "M", "L"}},
	[V3_MAV] = {"MAV", 4, {"N", "A", "L", "P"}},
	[V3_MAC] = {"MAC", 2, {"L", "H"}},
	[V3_MPR] = {"MPR", 3, {"N", "L", "H"}},
	[V3_MUI] = {"MUI", 2, {"N", "R"}},
	[V3_MS] = {"MS", 2, {"U", "C"}},
	[V3_MC] = {"MC", 3, {"H", "L", "N"}},
	[V3_MI] = {"MI", 3, {"H", "L", "N"}},
	[V3_MA] = {"MA", 3, {"H", "L", "N"}}
};

/*
 * Value codes are chosen so that code - 1 is the v4.0 severity level of
 * cvss_v4_tables.h (SC/SI/SA: the level is the code; MSI/MSA append S).
 */
enum
{
	V4_AV, V4_AC, V4_AT, V4_PR, V4_UI, V4_VC, V4_VI, V4_VA, V4_SC, V4_SI,
	V4_SA, V4_E, V4_CR, V4_IR, V4_AR, V4_MAV, V4_MAC, V4_MAT, V4_MPR, V4_MUI,
	V4_MVC, V4_MVI, V4_MVA, V4_MSC, V4_MSI, V4_MSA, V4_S, V4_AU, V4_R, V4_V,
	V4_RE, V4_U, V4_METRIC_COUNT
};

#define V4_SAFETY 4				/* code of S in MSI and MSA */

static const metric_def v4_metrics[V4_METRIC_COUNT] = {
	[V4_AV] = {"AV", 4, {"N", "A", "L", "P"}},
	[V4_AC] = {"AC", 2, {"L", "H"}},
	[V4_AT] = {"AT", 2, {"N", "P"}},
	[V4_PR] = {"PR", 3, {"N", "L", "H"}},
	[V4_UI] = {"UI", 3, {"N", "P", "A"}},
	[V4_VC] = {"VC", 3, {"H", "L", "N"}},
	[V4_VI] = {"VI", 3, {"H", "L", "N"}},
	[V4_VA] = {"VA", 3, {"H", "L", "N"}},
	[V4_SC] = {"SC", 3, {"H", "L", "N"}},
	[V4_SI] = {"SI", 3, {"H", "L", "N"}},
	[V4_SA] = {"SA", 3, {"H", "L", "N"}},
	[V4_E] = {"E", 3, {"A", "P", "U"}},
	[V4_CR] = {"CR", 3, {"H", "M", "L"}},
	[V4_IR] = {"IR", 3, {"H", "M", "L"}},
	[V4_AR] = {"AR", 3, {"H", "M", "L"}},
	[V4_MAV] = {"MAV", 4, {"N", "A", "L", "P"}},
	[V4_MAC] = {"MAC", 2, {"L", "H"}},
	[V4_MAT] = {"MAT", 2, {"N", "P"}},
	[V4_MPR] = {"MPR", 3, {"N", "L", "H"}},
	[V4_MUI] = {"MUI", 3, {"N", "P", "A"}},
	[V4_MVC] = {"MVC", 3, {"H", "L", "N"}},
	[V4_MVI] = {"MVI", 3, {"H", "L", "N"}},
	[V4_MVA] = {"MVA", 3, {"H", "L", "N"}},
	[V4_MSC] = {"MSC", 3, {"H", "L", "N"}},
	[V4_MSI] = {"MSI", 4, {"H", "L", "N", "S"}},
	[V4_MSA] = {"MSA", 4, {"H", "L", "N", "S"}},
	[V4_S] = {"S", 2, {"N", "P"}},
	[V4_AU] = {"AU", 2, {"N", "Y"}},
	[V4_R] = {"R", 3, {"A", "U", "I"}},
	[V4_V] = {"V", 2, {"D", "C"}},
	[V4_RE] = {"RE", 3, {"L", "M", "H"}},
	[V4_U] = {"U", 4, {"Clear", "Green", "Amber", "Red"}}
};

/* indexed by cvss_version; entry 0 is no version */
static const version_def versions[CVSS_V4_0 + 1] = {
	[CVSS_V2_0] = {
		.prefix = "", .name = "2.0", .not_defined = "ND",
		.metric_count = V2_METRIC_COUNT, .base_count = V2_E,
		.first_environmental = V2_CDP, .first_supplemental = V2_METRIC_COUNT,
		.first_requirement = V2_CR, .metrics = v2_metrics
	},
	[CVSS_V3_0] = {
		.prefix = "CVSS:3.0", .name = "3.0", .not_defined = "X",
		.metric_count = V3_METRIC_COUNT, .base_count = V3_E,
		.first_environmental = V3_CR, .first_supplemental = V3_METRIC_COUNT,
		.first_requirement = V3_CR, .metrics = v3_metrics
	},
	[CVSS_V3_1] = {
		.prefix = "CVSS:3.1", .name = "3.1", .not_defined = "X",
		.metric_count = V3_METRIC_COUNT, .base_count = V3_E,
		.first_environmental = V3_CR, .first_supplemental = V3_METRIC_COUNT,
		.first_requirement = V3_CR, .metrics = v3_metrics
	},
	[CVSS_V4_0] = {
		.prefix = "CVSS:4.0", .name = "4.0", .not_defined = "X",
		.metric_count = V4_METRIC_COUNT, .base_count = V4_E,
		.first_environmental = V4_CR, .first_supplemental = V4_S,
		.first_requirement = V4_CR, .metrics = v4_metrics
	}
};

static const version_def *
version_def_of(unsigned version)
{
	if (version < CVSS_V2_0 || version > CVSS_V4_0)
		return NULL;
	return &versions[version];
}

/* ---------------------------------------------------------------- scores */

/* round half away from zero of numerator / denominator (denominator > 0) */
static int64_t
round_half_away(int64_t numerator, int64_t denominator)
{
	if (numerator < 0)
		return -((-numerator + denominator / 2) / denominator);
	return (numerator + denominator / 2) / denominator;
}

/* any metric in [first, end) defined */
static bool
any_defined(const cvss_vector *vector, unsigned first, unsigned end)
{
	unsigned	i;

	for (i = first; i < end; i++)
		if (vector->value[i] != 0)
			return true;
	return false;
}

static bool
temporal_defined(const cvss_vector *vector)
{
	const version_def *vd = &versions[vector->version];

	return any_defined(vector, vd->base_count, vd->first_environmental);
}

static bool
environmental_defined(const cvss_vector *vector)
{
	const version_def *vd = &versions[vector->version];

	return any_defined(vector, vd->first_environmental, vd->first_supplemental);
}

/*
 * v2.0 BaseScore, or with the requirements applied the base score inside
 * AdjustedTemporal; tenths, unclamped (the adjusted one can be negative).
 *
 * Exact decimal arithmetic: impact and requirement weights are scaled to
 * integers, giving Impact in units of 1e-17 and the bracket of
 * ((0.6*Impact)+(0.4*Exploitability)-1.5) in units of 1e-18.
 */
static int
v2_base(const uint8_t *value, bool adjusted)
{
	static const int16_t access_vector_e3[] = {0, 395, 646, 1000};
	static const int16_t access_complexity_e2[] = {0, 35, 61, 71};
	static const int16_t authentication_e3[] = {0, 450, 560, 704};
	static const int16_t impact_e3[] = {0, 0, 275, 660};
	static const int16_t requirement_e2[] = {100, 50, 100, 151};
	const int64_t one_e15 = 1000000000000000;
	int64_t		unaffected_e15 = 1;
	int64_t		impact_e17;
	int64_t		exploitability_e8;
	int64_t		bracket_e18;
	uint64_t	magnitude;
	uint64_t	high;
	uint64_t	low;
	int			tenths;
	int			k;

	for (k = 0; k < 3; k++)
	{
		int			weight_e2 = adjusted ? requirement_e2[value[V2_CR + k]] : 100;

		unaffected_e15 *= 100000 - impact_e3[value[V2_C + k]] * weight_e2;
	}
	if (unaffected_e15 == one_e15)
		return 0;				/* f(Impact) = 0 */
	impact_e17 = 1041 * (one_e15 - unaffected_e15);
	if (adjusted && impact_e17 > 1000000000000000000)
		impact_e17 = 1000000000000000000;	/* AdjustedImpact: min(10, ..) */
	exploitability_e8 = 20 * (int64_t) access_vector_e3[value[V2_AV]] *
		access_complexity_e2[value[V2_AC]] * authentication_e3[value[V2_AU]];
	bracket_e18 = 6 * impact_e17 + (4 * exploitability_e8 - 1500000000) * 1000000000;

	/*
	 * Times f(Impact) = 1.176, rounded to tenths: bracket * 1176 / 10^20.
	 * The product would overflow 64 bits, so multiply the high and low 10^9
	 * parts separately; the low part's remainder below 10^9 cannot change
	 * the quotient by 10^20.
	 */
	magnitude = bracket_e18 < 0 ? (uint64_t) -bracket_e18 : (uint64_t) bracket_e18;
	high = magnitude / 1000000000 * 1176;
	low = magnitude % 1000000000 * 1176;
	tenths = (int) ((high + low / 1000000000 + 50000000000) / 100000000000);
	return bracket_e18 < 0 ? -tenths : tenths;
}

/* round_to_1_decimal(score * E * RL * RC), score in tenths */
static int
v2_temporal(int score, const uint8_t *value)
{
	static const int8_t exploitability_e2[] = {100, 85, 90, 95, 100};
	static const int8_t remediation_e2[] = {100, 87, 90, 95, 100};
	static const int8_t confidence_e2[] = {100, 90, 95, 100};

	return (int) round_half_away((int64_t) score * exploitability_e2[value[V2_E]] *
								 remediation_e2[value[V2_RL]] *
								 confidence_e2[value[V2_RC]], 1000000);
}

/*
 * clamp_adjusted: the ranking score (cvss_ranking_score), which counts a
 * negative AdjustedBaseScore as 0; false for the scores of the specification.
 */
static void
v2_scores(cvss_vector *vector, bool clamp_adjusted)
{
	static const int8_t collateral_damage_e1[] = {0, 0, 1, 3, 4, 5};
	static const int8_t target_distribution_e2[] = {100, 0, 25, 75, 100};
	const uint8_t *value = vector->value;

	vector->base_score = (uint8_t) v2_base(value, false);
	vector->score = vector->base_score;
	vector->temporal_score = STORED_NOT_DEFINED;
	vector->environmental_score = STORED_NOT_DEFINED;
	if (temporal_defined(vector))
	{
		vector->temporal_score = (uint8_t) v2_temporal(vector->base_score, value);
		vector->score = vector->temporal_score;
	}
	if (environmental_defined(vector))
	{
		int			adjusted_base = v2_base(value, true);
		int			adjusted_temporal;
		int64_t		environmental;

		/* for ranking only: a negative AdjustedBaseScore counts as 0 */
		if (clamp_adjusted && adjusted_base < 0)
			adjusted_base = 0;
		adjusted_temporal = v2_temporal(adjusted_base, value);

		/* (AdjustedTemporal + (10 - AdjustedTemporal) * CDP) * TD */
		environmental =
			round_half_away(((int64_t) adjusted_temporal * 10 +
							 (100 - adjusted_temporal) * collateral_damage_e1[value[V2_CDP]]) *
							target_distribution_e2[value[V2_TD]], 1000);
		vector->environmental_score = (uint8_t) (environmental < 0 ? 0 : environmental);
		vector->score = vector->environmental_score;
	}
}

/* v3.1 Appendix A Roundup of a value already rounded to units of 1e-5 */
static int
v3_roundup_e5(int64_t value_e5)
{
	return (int) ((value_e5 + 9999) / 10000);
}

/* Roundup(score * E * RL * RC), score in tenths */
static int
v3_temporal(int score, const uint8_t *value)
{
	static const int8_t exploit_maturity_e2[] = {100, 100, 97, 94, 91};
	static const int8_t remediation_e2[] = {100, 100, 97, 96, 95};
	static const int8_t confidence_e2[] = {100, 100, 96, 92};
	int64_t		product_e7 = (int64_t) score * exploit_maturity_e2[value[V3_E]] *
		remediation_e2[value[V3_RL]] * confidence_e2[value[V3_RC]];

	return v3_roundup_e5((product_e7 + 50) / 100);
}

typedef enum v3_formula
{
	V3_BASE,
	V3_MODIFIED_3_0,
	V3_MODIFIED_3_1				/* MISS * 0.9731 and power 13 */
} v3_formula;

static double
power(double base, int exponent)
{
	double		result = 1.0;

	while (exponent-- > 0)
		result *= base;
	return result;
}

/*
 * Roundup(Minimum[(1.08 x) (Impact + Exploitability), 10]), or 0 when the
 * impact is not positive.  metric holds codes of AV AC PR UI S C I A (the
 * modified ones for the environmental score), requirement those of CR IR AR
 * (all X, weight 1, for the base score).
 */
static int
v3_impact_exploitability(const uint8_t *metric, const uint8_t *requirement,
						 v3_formula formula)
{
	static const int8_t attack_vector_e2[] = {0, 85, 62, 55, 20};
	static const int8_t attack_complexity_e2[] = {0, 77, 44};
	static const int8_t privileges_unchanged_e2[] = {0, 85, 62, 27};
	static const int8_t privileges_changed_e2[] = {0, 85, 68, 50};
	static const int8_t user_interaction_e2[] = {0, 85, 62};
	static const int8_t impact_e2[] = {0, 56, 22, 0};
	static const int16_t requirement_e2[] = {100, 150, 100, 50};
	bool		changed = metric[V3_S] == V3_SCOPE_CHANGED;
	int64_t		unaffected_e12 = 1;
	int64_t		iss_e12;
	int64_t		exploitability_e10;
	int64_t		total_e5;
	int			k;

	for (k = 0; k < 3; k++)
		unaffected_e12 *= 10000 - impact_e2[metric[V3_C + k]] * requirement_e2[requirement[k]];
	iss_e12 = 1000000000000 - unaffected_e12;
	if (formula != V3_BASE && iss_e12 > 915000000000)
		iss_e12 = 915000000000;
	/* with any impact at all (ISS >= 0.11) both impact formulas are > 0 */
	if (iss_e12 == 0)
		return 0;
	exploitability_e10 = 822 * (int64_t) attack_vector_e2[metric[V3_AV]] *
		attack_complexity_e2[metric[V3_AC]] *
		(changed ? privileges_changed_e2 : privileges_unchanged_e2)[metric[V3_PR]] *
		user_interaction_e2[metric[V3_UI]];
	if (!changed)
	{
		int64_t		total_e14 = 642 * iss_e12 + exploitability_e10 * 10000;

		if (total_e14 > 1000000000000000)
			total_e14 = 1000000000000000;
		total_e5 = (total_e14 + 500000000) / 1000000000;
	}
	else
	{
		double		iss = (double) iss_e12 / 1e12;
		double		impact;
		double		total;

		if (formula == V3_MODIFIED_3_1)
			impact = 7.52 * (iss - 0.029) - 3.25 * power(iss * 0.9731 - 0.02, 13);
		else
			impact = 7.52 * (iss - 0.029) - 3.25 * power(iss - 0.02, 15);
		total = 1.08 * (impact + (double) exploitability_e10 / 1e10);
		if (total > 10.0)
			total = 10.0;
		total_e5 = (int64_t) (total * 100000.0 + 0.5);
	}
	return v3_roundup_e5(total_e5);
}

static void
v3_scores(cvss_vector *vector)
{
	static const uint8_t requirements_not_defined[3] = {0, 0, 0};
	const uint8_t *value = vector->value;

	vector->base_score = (uint8_t) v3_impact_exploitability(value, requirements_not_defined,
															V3_BASE);
	vector->score = vector->base_score;
	vector->temporal_score = STORED_NOT_DEFINED;
	vector->environmental_score = STORED_NOT_DEFINED;
	if (temporal_defined(vector))
	{
		vector->temporal_score = (uint8_t) v3_temporal(vector->base_score, value);
		vector->score = vector->temporal_score;
	}
	if (environmental_defined(vector))
	{
		uint8_t		modified[V3_A + 1];
		int			k;

		for (k = V3_AV; k <= V3_A; k++)
			modified[k] = value[V3_MAV + k] != 0 ? value[V3_MAV + k] : value[k];
		vector->environmental_score = (uint8_t)
			v3_temporal(v3_impact_exploitability(modified, value + V3_CR,
												 vector->version == CVSS_V3_1 ?
												 V3_MODIFIED_3_1 : V3_MODIFIED_3_0),
						value);
		vector->score = vector->environmental_score;
	}
}

/*
 * Severity distance of the metrics at level[0..n-1] from the first
 * highest-severity vector of the list that is at least as severe in every
 * metric; the last one is taken when none before it is, as it then always
 * is (checked over all metric combinations).
 */
static int
v4_distance(const v4_max_list *list, const uint8_t *level, int n)
{
	int			chosen;
	int			distance = 0;
	int			k;

	for (chosen = 0; chosen < list->count - 1; chosen++)
	{
		for (k = 0; k < n && level[k] >= list->level[chosen][k]; k++)
			;
		if (k == n)
			break;
	}
	for (k = 0; k < n; k++)
		distance += level[k] - list->level[chosen][k];
	return distance;
}

/*
 * The FIRST v4.0 score: the macrovector's score minus the mean, over the
 * EQs that have a next lower macrovector, of (score difference to it) x
 * (severity distance / depth of the EQ level).  Computed as an exact
 * fraction with denominator 840 x count (840 = lcm of all depths, count <=
 * 5) and rounded half up.  That equals FIRST's floating point result
 * rounded after adding 1e-6: a fraction not exactly halfway between two
 * tenths lies at least 1/8400 of a tenth (1.2e-5) away from halfway.
 *
 * all_groups false gives CVSS-B: threat and environmental metrics ignored.
 */
static int
v4_score(const uint8_t *value, bool all_groups)
{
	uint8_t		attack[3];		/* AV PR UI */
	uint8_t		complexity[2];	/* AC AT */
	uint8_t		vulnerable[6];	/* VC VI VA CR IR AR */
	uint8_t		subsequent[3];	/* SC SI SA */
	int			exploitation;	/* E */
	int			eq1,
				eq2,
				eq3,
				eq4,
				eq6;
	int			macro_score;
	int			lower_count = 0;
	int64_t		reduction = 0;	/* in units of 1/840 tenth */
	int64_t		numerator;
	int64_t		denominator;
	int			k;

#define EFFECTIVE(base, modified) \
	(all_groups && value[modified] != 0 ? value[modified] : value[base])

	attack[0] = EFFECTIVE(V4_AV, V4_MAV) - 1;
	attack[1] = EFFECTIVE(V4_PR, V4_MPR) - 1;
	attack[2] = EFFECTIVE(V4_UI, V4_MUI) - 1;
	complexity[0] = EFFECTIVE(V4_AC, V4_MAC) - 1;
	complexity[1] = EFFECTIVE(V4_AT, V4_MAT) - 1;
	for (k = 0; k < 3; k++)
	{
		int			requirement = all_groups ? value[V4_CR + k] : 0;
		int			subsequent_code = EFFECTIVE(V4_SC + k, V4_MSC + k);

		vulnerable[k] = EFFECTIVE(V4_VC + k, V4_MVC + k) - 1;
		/* an undefined requirement counts as High */
		vulnerable[3 + k] = (uint8_t) (requirement == 0 ? 0 : requirement - 1);
		subsequent[k] = (uint8_t) (subsequent_code == V4_SAFETY ? 0 : subsequent_code);
	}
	exploitation = all_groups && value[V4_E] != 0 ? value[V4_E] - 1 : 0;	/* X counts as Attacked */
#undef EFFECTIVE

	/* no impact on any system */
	if (vulnerable[0] == 2 && vulnerable[1] == 2 && vulnerable[2] == 2 &&
		subsequent[0] == 3 && subsequent[1] == 3 && subsequent[2] == 3)
		return 0;

	if (attack[0] == 0 && attack[1] == 0 && attack[2] == 0)
		eq1 = 0;
	else if ((attack[0] == 0 || attack[1] == 0 || attack[2] == 0) && attack[0] != 3)
		eq1 = 1;
	else
		eq1 = 2;
	eq2 = complexity[0] == 0 && complexity[1] == 0 ? 0 : 1;
	if (vulnerable[0] == 0 && vulnerable[1] == 0)
		eq3 = 0;
	else if (vulnerable[0] == 0 || vulnerable[1] == 0 || vulnerable[2] == 0)
		eq3 = 1;
	else
		eq3 = 2;
	if (subsequent[1] == 0 || subsequent[2] == 0)
		eq4 = 0;
	else if (subsequent[0] == 1 || subsequent[1] == 1 || subsequent[2] == 1)
		eq4 = 1;
	else
		eq4 = 2;
	eq6 = (vulnerable[3] == 0 && vulnerable[0] == 0) ||
		(vulnerable[4] == 0 && vulnerable[1] == 0) ||
		(vulnerable[5] == 0 && vulnerable[2] == 0) ? 0 : 1;

#define MACRO(e1, e2, e3, e4, e5, e6) ((int) v4_macrovector_score[e1][e2][e3][e4][e5][e6])
#define LOWER(next_score, distance, depth) \
	do { \
		lower_count++; \
		reduction += (int64_t) (macro_score - (next_score)) * (distance) * (840 / (depth)); \
	} while (0)

	macro_score = MACRO(eq1, eq2, eq3, eq4, exploitation, eq6);
	if (eq1 < 2)
		LOWER(MACRO(eq1 + 1, eq2, eq3, eq4, exploitation, eq6),
			  v4_distance(&v4_eq1_max[eq1], attack, 3), v4_eq1_depth[eq1]);
	if (eq2 < 1)
		LOWER(MACRO(eq1, eq2 + 1, eq3, eq4, exploitation, eq6),
			  v4_distance(&v4_eq2_max[eq2], complexity, 2), v4_eq2_depth[eq2]);
	if (eq3 < 2)
	{
		/* 00 has two lower neighbours, 01 and 10: the higher one counts */
		int			next_score;

		if (eq3 == 1 && eq6 == 0)
			next_score = MACRO(eq1, eq2, 1, eq4, exploitation, 1);
		else if (eq3 == 0 && eq6 == 0)
		{
			int			left = MACRO(eq1, eq2, 0, eq4, exploitation, 1);
			int			right = MACRO(eq1, eq2, 1, eq4, exploitation, 0);

			next_score = left > right ? left : right;
		}
		else
			next_score = MACRO(eq1, eq2, eq3 + 1, eq4, exploitation, eq6);
		LOWER(next_score, v4_distance(&v4_eq3eq6_max[eq3][eq6], vulnerable, 6),
			  v4_eq3eq6_depth[eq3][eq6]);
	}
	if (eq4 < 2)
		LOWER(MACRO(eq1, eq2, eq3, eq4 + 1, exploitation, eq6),
			  v4_distance(&v4_eq4_max[eq4], subsequent, 3), v4_eq4_depth[eq4]);
	/* EQ5 has no depth: it counts in the mean with a proportion of 0 */
	if (exploitation < 2)
		lower_count++;
#undef LOWER
#undef MACRO

	if (lower_count == 0)
		return macro_score;
	denominator = 840 * (int64_t) lower_count;
	numerator = macro_score * denominator - reduction;
	if (numerator <= 0)
		return 0;
	return (int) ((numerator + denominator / 2) / denominator);
}

static void
v4_scores(cvss_vector *vector)
{
	vector->base_score = (uint8_t) v4_score(vector->value, false);
	vector->temporal_score = STORED_NOT_DEFINED;
	vector->environmental_score = STORED_NOT_DEFINED;
	if (temporal_defined(vector) ||
		environmental_defined(vector))
		vector->score = (uint8_t) v4_score(vector->value, true);
	else
		vector->score = vector->base_score;
}

static void
compute_scores(cvss_vector *vector)
{
	switch ((cvss_version) vector->version)
	{
		case CVSS_V2_0:
			v2_scores(vector, false);
			break;
		case CVSS_V3_0:
		case CVSS_V3_1:
			v3_scores(vector);
			break;
		case CVSS_V4_0:
			v4_scores(vector);
			break;
	}
}

/* ---------------------------------------------------------------- parsing */

/*
 * Whether a token, padded to size bytes, compares as itself: it must be
 * shorter than size and not end in a NUL byte, which the padding would hide
 * ("A\0" must not match "A"; stored tokens have no NUL inside, so a NUL
 * elsewhere makes the compare fail anyway).
 */
static bool
paddable(const char *text, size_t length, size_t size)
{
	return length < size && (length == 0 || text[length - 1] != '\0');
}

/* Copies a token into a zeroed buffer of size bytes; false if not paddable. */
static bool
pad_token(const char *text, size_t length, char *padded, size_t size)
{
	memset(padded, 0, size);
	if (!paddable(text, length, size))
		return false;
	memcpy(padded, text, length);
	return true;
}

/*
 * Index of the metric named by a padded name, or -1.  The search starts at
 * hint and wraps around: input in canonical order then finds each metric at
 * once.
 */
static inline int
find_metric(const version_def *vd, const char name[NAME_SIZE], unsigned hint)
{
	unsigned	tried;
	unsigned	index = hint < vd->metric_count ? hint : 0;

	for (tried = 0; tried < vd->metric_count; tried++)
	{
		if (memcmp(vd->metrics[index].name, name, NAME_SIZE) == 0)
			return (int) index;
		if (++index == vd->metric_count)
			index = 0;
	}
	return -1;
}

/*
 * Value code of a padded value of length bytes for the metric; false when it
 * is no value of it.  One-byte values, nearly all of them, are compared with
 * every slot without branching on the outcome: on varied input the branches
 * of a search loop mispredict, which costs more than the compares.
 */
static inline bool
find_value(const version_def *vd, unsigned metric, const char value[VALUE_SIZE],
		   size_t length, uint8_t *code)
{
	const metric_def *def = &vd->metrics[metric];
	unsigned	found = 0;
	unsigned	i;

	if (length == 1 && value[0] != '\0')
	{
		/* unused slots hold "" and never match */
		for (i = 0; i < sizeof(def->values) / sizeof(def->values[0]); i++)
			found |= (unsigned) ((def->values[i][0] == value[0]) &
								 (def->values[i][1] == '\0')) * (i + 1);
	}
	else
	{
		for (i = 0; i < def->value_count && found == 0; i++)
			if (memcmp(def->values[i], value, VALUE_SIZE) == 0)
				found = i + 1;
	}
	if (found == 0 &&
		!(metric >= vd->base_count && memcmp(vd->not_defined, value, VALUE_SIZE) == 0))
		return false;
	*code = (uint8_t) found;
	return true;
}

static cvss_error_code
fail(cvss_error *err, cvss_error_code code, unsigned version, const char *input,
	 size_t offset, size_t length, const char *metric)
{
	if (err != NULL)
	{
		size_t		kept = length < CVSS_ERROR_TEXT_MAX ? length : CVSS_ERROR_TEXT_MAX;

		err->code = code;
		err->version = (cvss_version) version;
		err->offset = offset;
		err->length = length;
		err->metric = metric;
		if (kept > 0)
			memcpy(err->text, input + offset, kept);
		err->text[kept] = '\0';
	}
	return code;
}

/* "CVSS:" in another case */
static bool
prefix_lookalike(const char *text)
{
	static const char prefix[] = "cvss:";
	int			i;

	if (memcmp(text, "CVSS:", 5) == 0)
		return false;
	for (i = 0; i < 5; i++)
		if ((text[i] | 0x20) != prefix[i])
			return false;
	return true;
}

static cvss_error_code
parse_vector(const char *text, size_t length, cvss_vector *out, cvss_error *err)
{
	size_t		start = 0;
	size_t		end = length;
	size_t		pos;
	unsigned	version = CVSS_V2_0;
	const version_def *vd;
	bool		has_parts = true;
	uint32_t	seen = 0;
	uint32_t	mandatory;
	unsigned	hint = 0;
	unsigned	i;

	while (start < end && ascii_is_space(text[start]))
		start++;
	while (end > start && ascii_is_space(text[end - 1]))
		end--;
	if (start == end)
		return fail(err, CVSS_ERR_EMPTY, 0, text, start, 0, NULL);

	pos = start;
	if (end - start >= 5 && prefix_lookalike(text + start))
	{
		/* "cvss:3.1/..." is a misspelt prefix, not a v2.0 metric named "cvss" */
		while (pos < end && text[pos] != '/')
			pos++;
		return fail(err, CVSS_ERR_UNKNOWN_PREFIX, 0, text, start, pos - start, NULL);
	}
	if (end - start >= 5 && memcmp(text + start, "CVSS:", 5) == 0)
	{
		while (pos < end && text[pos] != '/')
			pos++;
		for (version = CVSS_V3_0; version <= CVSS_V4_0; version++)
			if (pos - start == PREFIX_LENGTH &&
				memcmp(versions[version].prefix, text + start, PREFIX_LENGTH) == 0)
				break;
		if (version > CVSS_V4_0)
			return fail(err, CVSS_ERR_UNKNOWN_PREFIX, 0, text, start, pos - start, NULL);
		/* "CVSS:3.1" alone has no parts; "CVSS:3.1/" an empty last one */
		has_parts = pos < end;
		pos++;
	}
	vd = &versions[version];
	out->version = (uint8_t) version;

	while (has_parts)
	{
		size_t		part = pos;
		const metric_def *expected = hint < vd->metric_count ? &vd->metrics[hint] : NULL;
		size_t		colon;
		char		name[NAME_SIZE] = {0};
		char		value[VALUE_SIZE] = {0};
		int			metric = -1;

		/*
		 * Fast path for input in canonical order: the metric expected next,
		 * with a one-letter value.  Anything else takes the general path.
		 */
		if (expected != NULL && !(seen & (UINT32_C(1) << hint)))
		{
			size_t		name_length = expected->name[1] == '\0' ? 1 : expected->name[2] == '\0' ? 2 : 3;
			size_t		value_at = pos + name_length + 1;

			if (value_at < end && text[pos + name_length] == ':' &&
				text[pos] == expected->name[0] &&
				(name_length < 2 || text[pos + 1] == expected->name[1]) &&
				(name_length < 3 || text[pos + 2] == expected->name[2]) &&
				(value_at + 1 == end || text[value_at + 1] == '/'))
			{
				unsigned	k;

				for (k = 0; k < expected->value_count; k++)
					if (expected->values[k][0] == text[value_at] && expected->values[k][1] == '\0')
						break;
				if (k < expected->value_count)
				{
					out->value[hint] = (uint8_t) (k + 1);
					seen |= UINT32_C(1) << hint;
					hint++;
					pos = value_at + 1;
					has_parts = pos < end;
					pos++;
					continue;
				}
			}
		}

		/* scan the name and the value, padding them as pad_token would */
		while (pos < end && text[pos] != '/' && text[pos] != ':')
		{
			if (pos - part < NAME_SIZE)
				name[pos - part] = text[pos];
			pos++;
		}
		if (pos == end || text[pos] == '/')
		{
			if (pos != part)
				return fail(err, CVSS_ERR_MALFORMED_PART, version, text, part, pos - part, NULL);
			if (part == end)
				return fail(err, CVSS_ERR_TRAILING_SLASH, version, text, part - 1, 1, NULL);
			return fail(err, CVSS_ERR_EMPTY_PART, version, text, part, 0, NULL);
		}
		colon = pos++;
		while (pos < end && text[pos] != '/')
		{
			if (pos - colon - 1 < VALUE_SIZE)
				value[pos - colon - 1] = text[pos];
			pos++;
		}

		if (paddable(text + part, colon - part, NAME_SIZE))
			metric = find_metric(vd, name, hint);
		if (metric < 0)
			return fail(err, CVSS_ERR_UNKNOWN_METRIC, version, text, part, colon - part, NULL);
		if (seen & (UINT32_C(1) << metric))
			return fail(err, CVSS_ERR_DUPLICATE_METRIC, version, text, part, pos - part,
						vd->metrics[metric].name);
		if (!paddable(text + colon + 1, pos - colon - 1, VALUE_SIZE) ||
			!find_value(vd, (unsigned) metric, value, pos - colon - 1, &out->value[metric]))
			return fail(err, CVSS_ERR_INVALID_VALUE, version, text, colon + 1,
						pos - colon - 1, vd->metrics[metric].name);
		seen |= UINT32_C(1) << metric;
		hint = (unsigned) metric + 1;
		has_parts = pos < end;
		pos++;
	}

	mandatory = (UINT32_C(1) << vd->base_count) - 1;
	if ((seen & mandatory) != mandatory)
	{
		for (i = 0; seen & (UINT32_C(1) << i); i++)
			;
		return fail(err, CVSS_ERR_MISSING_METRIC, version, text, end, 0,
					vd->metrics[i].name);
	}
	compute_scores(out);
	return CVSS_OK;
}

cvss_error_code
cvss_parse(const char *text, size_t length, cvss_vector *out, cvss_error *err)
{
	cvss_error_code code;

	memset(out, 0, sizeof(*out));
	code = parse_vector(text, length, out, err);
	if (code != CVSS_OK)
		memset(out, 0, sizeof(*out));
	return code;
}

/* ---------------------------------------------------------------- output */

static char *
copy_text(char *out, const char *text)
{
	while (*text != '\0')
		*out++ = *text++;
	return out;
}

size_t
cvss_format(const cvss_vector *vector, char out[CVSS_TEXT_SIZE])
{
	const version_def *vd = &versions[vector->version];
	char	   *end = copy_text(out, vd->prefix);
	unsigned	i;

	for (i = 0; i < vd->metric_count; i++)
	{
		unsigned	code = vector->value[i];

		if (code == 0)
			continue;
		if (end != out)
			*end++ = '/';
		end = copy_text(end, vd->metrics[i].name);
		*end++ = ':';
		end = copy_text(end, vd->metrics[i].values[code - 1]);
	}
	*end = '\0';
	return (size_t) (end - out);
}

/* ---------------------------------------------------------------- packing */

/* bits needed for the codes 0..value_count (at most 5) */
static unsigned
code_bits(unsigned value_count)
{
	return value_count < 2 ? 1 : value_count < 4 ? 2 : 3;
}

static unsigned
read_code(const uint8_t *stream, unsigned bit, unsigned width)
{
	unsigned	value = stream[bit / 8] >> (bit % 8);

	if (bit % 8 + width > 8)
		value |= (unsigned) stream[bit / 8 + 1] << (8 - bit % 8);
	return value & ((1u << width) - 1);
}

void
cvss_pack(const cvss_vector *vector, uint8_t out[CVSS_PACKED_SIZE])
{
	const version_def *vd = &versions[vector->version];
	/* the 72-bit code stream, assembled in registers and stored once */
	uint64_t	low = 0;
	uint64_t	high = 0;
	unsigned	bit = 0;
	unsigned	i;

	for (i = 0; i < vd->metric_count; i++)
	{
		uint64_t	code = vector->value[i];

		if (bit < 64)
		{
			low |= code << bit;
			if (bit > 61)		/* a code of up to 3 bits crossing into high */
				high |= code >> (64 - bit);
		}
		else
			high |= code << (bit - 64);
		bit += code_bits(vd->metrics[i].value_count);
	}
	out[0] = CVSS_PACKED_LAYOUT;
	out[1] = vector->version;
	for (i = 0; i < 8; i++)
		out[PACKED_METRICS_OFFSET + i] = (uint8_t) (low >> (8 * i));
	out[PACKED_METRICS_OFFSET + 8] = (uint8_t) high;
	out[PACKED_SCORES_OFFSET + CVSS_SCORE_BASE] = vector->base_score;
	out[PACKED_SCORES_OFFSET + CVSS_SCORE_TEMPORAL] = vector->temporal_score;
	out[PACKED_SCORES_OFFSET + CVSS_SCORE_ENVIRONMENTAL] = vector->environmental_score;
	out[PACKED_SCORES_OFFSET + CVSS_SCORE_OVERALL] = vector->score;
	out[CVSS_PACKED_SIZE - 1] = 0;
}

static cvss_error_code
unpack_vector(const uint8_t in[CVSS_PACKED_SIZE], cvss_vector *out)
{
	const version_def *vd;
	unsigned	bit = 0;
	unsigned	i;

	if (in[0] != CVSS_PACKED_LAYOUT)
		return CVSS_ERR_PACKED_LAYOUT;
	vd = version_def_of(in[1]);
	if (vd == NULL)
		return CVSS_ERR_PACKED_VERSION;
	out->version = in[1];
	for (i = 0; i < vd->metric_count; i++)
	{
		unsigned	width = code_bits(vd->metrics[i].value_count);
		unsigned	code = read_code(in + PACKED_METRICS_OFFSET, bit, width);

		if (code > vd->metrics[i].value_count)
			return CVSS_ERR_PACKED_VALUE;
		if (code == 0 && i < vd->base_count)
			return CVSS_ERR_MISSING_METRIC;
		out->value[i] = (uint8_t) code;
		bit += width;
	}
	/* the rest of the last partly used byte, then the whole bytes after it */
	if (bit % 8 != 0 && (in[PACKED_METRICS_OFFSET + bit / 8] >> (bit % 8)) != 0)
		return CVSS_ERR_PACKED_PADDING;
	for (i = PACKED_METRICS_OFFSET + (bit + 7) / 8; i < PACKED_SCORES_OFFSET; i++)
		if (in[i] != 0)
			return CVSS_ERR_PACKED_PADDING;
	if (in[PACKED_RESERVED_OFFSET] != 0)
		return CVSS_ERR_PACKED_PADDING;
	compute_scores(out);
	if (in[PACKED_SCORES_OFFSET + CVSS_SCORE_BASE] != out->base_score ||
		in[PACKED_SCORES_OFFSET + CVSS_SCORE_TEMPORAL] != out->temporal_score ||
		in[PACKED_SCORES_OFFSET + CVSS_SCORE_ENVIRONMENTAL] != out->environmental_score ||
		in[PACKED_SCORES_OFFSET + CVSS_SCORE_OVERALL] != out->score)
		return CVSS_ERR_PACKED_SCORE;
	return CVSS_OK;
}

cvss_error_code
cvss_unpack(const uint8_t in[CVSS_PACKED_SIZE], cvss_vector *out)
{
	cvss_error_code code;

	memset(out, 0, sizeof(*out));
	code = unpack_vector(in, out);
	if (code != CVSS_OK)
		memset(out, 0, sizeof(*out));
	return code;
}

/* ---------------------------------------------------------------- accessors */

static int
score_or_not_defined(uint8_t stored)
{
	return stored == STORED_NOT_DEFINED ? CVSS_NOT_DEFINED : stored;
}

int
cvss_base_score(const cvss_vector *vector)
{
	return vector->base_score;
}

int
cvss_temporal_score(const cvss_vector *vector)
{
	return score_or_not_defined(vector->temporal_score);
}

int
cvss_environmental_score(const cvss_vector *vector)
{
	return score_or_not_defined(vector->environmental_score);
}

int
cvss_score(const cvss_vector *vector)
{
	return vector->score;
}

int
cvss_ranking_score(const cvss_vector *vector)
{
	cvss_vector ranked = *vector;

	switch ((cvss_version) vector->version)
	{
		case CVSS_V2_0:
			v2_scores(&ranked, true);
			return ranked.score;
		case CVSS_V3_0:
			/* same metrics and value codes in 3.0 and 3.1: only the formulas differ */
			ranked.version = CVSS_V3_1;
			compute_scores(&ranked);
			return ranked.score;
		case CVSS_V3_1:
		case CVSS_V4_0:
			break;
	}
	return vector->score;
}

int
cvss_packed_score(const uint8_t packed[CVSS_PACKED_SIZE], cvss_score_kind kind)
{
	return score_or_not_defined(packed[PACKED_SCORES_OFFSET + kind]);
}

cvss_severity
cvss_severity_for(cvss_version version, int score)
{
	if (version == CVSS_V2_0)
		return score >= 70 ? CVSS_SEVERITY_HIGH :
			score >= 40 ? CVSS_SEVERITY_MEDIUM : CVSS_SEVERITY_LOW;
	if (score == 0)
		return CVSS_SEVERITY_NONE;
	if (score < 40)
		return CVSS_SEVERITY_LOW;
	if (score < 70)
		return CVSS_SEVERITY_MEDIUM;
	if (score < 90)
		return CVSS_SEVERITY_HIGH;
	return CVSS_SEVERITY_CRITICAL;
}

cvss_severity
cvss_severity_of(const cvss_vector *vector)
{
	return cvss_severity_for((cvss_version) vector->version, vector->score);
}

const char *
cvss_severity_name(cvss_severity severity)
{
	static const char *const names[] = {"None", "Low", "Medium", "High", "Critical"};

	return names[severity];
}

cvss_version
cvss_get_version(const cvss_vector *vector)
{
	return (cvss_version) vector->version;
}

const char *
cvss_version_name(cvss_version version)
{
	const version_def *vd = version_def_of(version);

	return vd == NULL ? NULL : vd->name;
}

const char *
cvss_metric_name(cvss_version version, unsigned index)
{
	const version_def *vd = version_def_of(version);

	if (vd == NULL || index >= vd->metric_count)
		return NULL;
	return vd->metrics[index].name;
}

cvss_error_code
cvss_metric_value(const cvss_vector *vector, const char *name, size_t name_length,
				  const char **value)
{
	const version_def *vd = &versions[vector->version];
	char		padded[NAME_SIZE];
	int			metric = -1;
	unsigned	code;

	if (pad_token(name, name_length, padded, sizeof(padded)))
		metric = find_metric(vd, padded, 0);
	if (metric < 0)
		return CVSS_ERR_UNKNOWN_METRIC;
	code = vector->value[metric];
	*value = code == 0 ? vd->not_defined : vd->metrics[metric].values[code - 1];
	return CVSS_OK;
}

cvss_error_code
cvss_set_requirements(cvss_vector *vector, const char *cr, const char *ir,
					  const char *ar, cvss_error *err)
{
	const version_def *vd = &versions[vector->version];
	const char *given[3] = {cr, ir, ar};
	uint8_t		codes[3];
	int			k;

	for (k = 0; k < 3; k++)
	{
		unsigned	metric = vd->first_requirement + (unsigned) k;
		char		padded[VALUE_SIZE];
		size_t		length;

		if (given[k] == NULL)
		{
			codes[k] = vector->value[metric];
			continue;
		}
		length = strlen(given[k]);
		/* X is "not defined" in every version, also where v2.0 says ND */
		if (strcmp(given[k], "X") == 0)
			codes[k] = 0;
		else if (!pad_token(given[k], length, padded, sizeof(padded)) ||
				 !find_value(vd, metric, padded, length, &codes[k]))
			return fail(err, CVSS_ERR_INVALID_VALUE, vector->version, given[k], 0,
						length, vd->metrics[metric].name);
	}
	for (k = 0; k < 3; k++)
		vector->value[vd->first_requirement + k] = codes[k];
	compute_scores(vector);
	return CVSS_OK;
}

int
cvss_compare(const cvss_vector *a, const cvss_vector *b)
{
	char		a_text[CVSS_TEXT_SIZE];
	char		b_text[CVSS_TEXT_SIZE];

	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	if (memcmp(a, b, sizeof(*a)) == 0)
		return 0;
	cvss_format(a, a_text);
	cvss_format(b, b_text);
	return strcmp(a_text, b_text);
}

/* ---------------------------------------------------------------- messages */

const char *
cvss_error_message(cvss_error_code code)
{
	switch (code)
	{
		case CVSS_OK:
			return "no error";
		case CVSS_ERR_EMPTY:
			return "empty CVSS vector";
		case CVSS_ERR_UNKNOWN_PREFIX:
			return "unsupported CVSS version prefix";
		case CVSS_ERR_EMPTY_PART:
		case CVSS_ERR_TRAILING_SLASH:
		case CVSS_ERR_MALFORMED_PART:
			return "malformed CVSS vector";
		case CVSS_ERR_UNKNOWN_METRIC:
			return "unknown CVSS metric";
		case CVSS_ERR_INVALID_VALUE:
			return "invalid CVSS metric value";
		case CVSS_ERR_DUPLICATE_METRIC:
			return "duplicate CVSS metric";
		case CVSS_ERR_MISSING_METRIC:
			return "missing mandatory CVSS metric";
		case CVSS_ERR_PACKED_LAYOUT:
			return "unknown layout of packed CVSS value";
		case CVSS_ERR_PACKED_VERSION:
			return "unknown CVSS version in packed CVSS value";
		case CVSS_ERR_PACKED_VALUE:
			return "metric value code out of range in packed CVSS value";
		case CVSS_ERR_PACKED_PADDING:
			return "nonzero padding in packed CVSS value";
		case CVSS_ERR_PACKED_SCORE:
			return "stored scores do not match the metrics of packed CVSS value";
	}
	return "unknown CVSS error";
}

/* Bounded text building: keeps a NUL, silently truncates. */
typedef struct text_buffer
{
	char	   *data;
	size_t		size;
	size_t		length;
} text_buffer;

static void
append_bytes(text_buffer *buffer, const char *bytes, size_t count)
{
	size_t		room = buffer->size - 1 - buffer->length;

	if (count > room)
		count = room;
	memcpy(buffer->data + buffer->length, bytes, count);
	buffer->length += count;
	buffer->data[buffer->length] = '\0';
}

static void
append(text_buffer *buffer, const char *text)
{
	append_bytes(buffer, text, strlen(text));
}

static void
append_number(text_buffer *buffer, size_t number)
{
	char		digits[24];
	size_t		start = sizeof(digits);

	do
	{
		digits[--start] = (char) ('0' + number % 10);
		number /= 10;
	} while (number != 0);
	append_bytes(buffer, digits + start, sizeof(digits) - start);
}

/* the offending input bytes in double quotes, escaped, "..." if cut */
static void
append_quoted_input(text_buffer *buffer, const cvss_error *err)
{
	static const char hex[] = "0123456789abcdef";
	size_t		kept = err->length < CVSS_ERROR_TEXT_MAX ? err->length : CVSS_ERROR_TEXT_MAX;
	size_t		i;

	append(buffer, "\"");
	for (i = 0; i < kept; i++)
	{
		unsigned char c = (unsigned char) err->text[i];

		if (c == '"' || c == '\\')
		{
			char		escaped[2] = {'\\', (char) c};

			append_bytes(buffer, escaped, 2);
		}
		else if (c < 0x20 || c > 0x7e)
		{
			char		escaped[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};

			append_bytes(buffer, escaped, 4);
		}
		else
			append_bytes(buffer, (const char *) &c, 1);
	}
	if (err->length > kept)
		append(buffer, "...");
	append(buffer, "\"");
}

size_t
cvss_error_detail(const cvss_error *err, char *out, size_t size)
{
	text_buffer buffer = {out, size, 0};

	if (size == 0)
		return 0;
	out[0] = '\0';
	switch (err->code)
	{
		case CVSS_ERR_UNKNOWN_PREFIX:
			append(&buffer, "unknown prefix ");
			append_quoted_input(&buffer, err);
			append(&buffer, " (expected CVSS:3.0, CVSS:3.1, CVSS:4.0, or none for v2.0)");
			break;
		case CVSS_ERR_EMPTY_PART:
			append(&buffer, "empty part at offset ");
			append_number(&buffer, err->offset);
			break;
		case CVSS_ERR_TRAILING_SLASH:
			append(&buffer, "trailing \"/\" at offset ");
			append_number(&buffer, err->offset);
			break;
		case CVSS_ERR_MALFORMED_PART:
			append(&buffer, "part ");
			append_quoted_input(&buffer, err);
			append(&buffer, " at offset ");
			append_number(&buffer, err->offset);
			append(&buffer, " is not of the form METRIC:VALUE");
			break;
		case CVSS_ERR_UNKNOWN_METRIC:
			append(&buffer, "unknown metric ");
			append_quoted_input(&buffer, err);
			append(&buffer, " in a CVSS ");
			append(&buffer, versions[err->version].name);
			append(&buffer, " vector");
			break;
		case CVSS_ERR_INVALID_VALUE:
			append(&buffer, "invalid value ");
			append_quoted_input(&buffer, err);
			append(&buffer, " for metric \"");
			append(&buffer, err->metric);
			append(&buffer, "\"");
			break;
		case CVSS_ERR_DUPLICATE_METRIC:
			append(&buffer, "duplicate metric \"");
			append(&buffer, err->metric);
			append(&buffer, "\" at offset ");
			append_number(&buffer, err->offset);
			break;
		case CVSS_ERR_MISSING_METRIC:
			append(&buffer, "missing mandatory metric \"");
			append(&buffer, err->metric);
			append(&buffer, "\"");
			break;
		default:
			append(&buffer, cvss_error_message(err->code));
			break;
	}
	return buffer.length;
}
