/*
 * patch_priority_core.h: the patch priority of a vulnerability on an asset,
 * free of PostgreSQL.
 *
 * The decision is the CERT/CC SSVC deployer tree (patch application priority
 * 1.0.0, see ssvc_core.h) fed with inputs derived from the vulnerability and
 * the asset:
 *	exploitation	active when KEV-listed, public poc when EPSS >= 0.1,
 *					else none (an unknown EPSS is no evidence)
 *	system exposure	the asset's exposure (small, controlled, open), one step
 *					lower when compensating controls are in place; unknown:
 *					controlled
 *	automatable		yes when the vector is reachable over the network with
 *					low complexity, no privileges and no user interaction
 *					(v3.x AV:N/AC:L/PR:N/UI:N, v4.0 also AT:N, v2.0
 *					AV:N/AC:L/Au:N); unknown CVSS: no
 *	human impact	the SSVC human impact table of safety impact (negligible;
 *					critical when safety related; catastrophic when also of
 *					criticality 5) and mission impact (criticality 1-2
 *					degraded, 3 mef support crippled, 4 mef failure, 5
 *					mission failure); unknown criticality: 3
 *
 * The priority, 0..100, is 25 x the decision's rank (defer 0, scheduled 1,
 * out-of-cycle 2, immediate 3) plus up to 25 for the ranking inside the band:
 *	25 x (ws S + wx X + wa A) x (f when compensated, else 1)
 * with S the CVSS ranking score / 10 (cvss_ranking_score: cvss_score, but
 * v3.0 by the v3.1 formulas and a negative v2.0 AdjustedBaseScore as 0, so
 * that S never drops when a metric gets more severe), X the exploitation likelihood (1 when
 * KEV-listed, else the EPSS probability) and A the asset context:
 * wc x (criticality - 1) / 4 + ws' when safety related + we x the effective
 * exposure step (small 0, controlled 1, open 2).  The weights, f and the
 * priors for an unknown S or X are pp_parameters (shipped defaults 0.4, 0.3,
 * 0.3, 0.8, S 0.7, X 0.05, 0.5, 0.25, 0.125).
 * Every term rises with its input and the SSVC tree is monotone, so the
 * priority never drops when an input gets worse, and the bands order the
 * priorities exactly as the decisions order them.
 */
#ifndef PATCH_PRIORITY_CORE_H
#define PATCH_PRIORITY_CORE_H

#include <stdbool.h>

typedef enum pp_exposure
{
	PP_EXPOSURE_SMALL = 0,
	PP_EXPOSURE_CONTROLLED = 1,
	PP_EXPOSURE_OPEN = 2
} pp_exposure;

/* What the caller knows; a has_* flag false means unknown. */
typedef struct pp_input
{
	bool		has_cvss;
	int			cvss_score_tenths;	/* 0..100, cvss_ranking_score */
	bool		automatable;	/* from the vector, see above */
	bool		has_epss;
	double		epss;			/* 0..1, for the ranking */
	bool		epss_reaches_poc;	/* epss >= the threshold, compared exactly
									 * by the caller */
	bool		kev;
	bool		has_criticality;
	int			criticality;	/* 1..5 */
	bool		safety_related;
	bool		has_exposure;
	pp_exposure exposure;
	bool		compensated;
} pp_input;

/*
 * The weights and priors of the ranking inside a band, read from data by
 * the caller (catalogue patch_priority_parameter_default and each
 * organisation's patch_priority_setting).  The EPSS threshold is compared
 * by the caller (exactly, in numeric) and passed as pp_input.epss_reaches_poc.
 */
typedef struct pp_parameters
{
	double		severity_weight;	/* S */
	double		likelihood_weight;	/* X */
	double		context_weight; /* A */
	double		compensated_factor; /* multiplies the ranking when compensated */
	double		unknown_severity;	/* S for an unknown vector, 0..1 */
	double		unknown_likelihood; /* X for an unknown EPSS, 0..1 */
	double		criticality_weight; /* in A, times (criticality - 1) / 4 */
	double		safety_weight;	/* in A, when safety related */
	double		exposure_step_weight;	/* in A, times the exposure step 0..2 */
} pp_parameters;

/*
 * Whether the parameters keep the ranking within 0..1 and monotone: every
 * value within 0..1, the three weights summing to at most 1, and the context
 * terms at most 1 together.
 */
extern bool pp_parameters_valid(const pp_parameters *parameters);

typedef struct pp_result
{
	int			decision;		/* deployer outcome: 0 defer .. 3 immediate */
	int			priority_tenths;	/* 0..1000: the priority 0..100 in tenths */
} pp_result;


/* Word of a decision: "defer", "scheduled", "out-of-cycle", "immediate". */
extern const char *pp_decision_word(int decision);

/* Exposure named by a word (small, controlled, open; any case); false if none. */
extern bool pp_parse_exposure(const char *word, int length, pp_exposure *exposure);

/* Fills *result; the input must be within the ranges above, the parameters valid. */
extern void pp_evaluate(const pp_input *input, const pp_parameters *parameters,
						pp_result *result);

#endif							/* PATCH_PRIORITY_CORE_H */
