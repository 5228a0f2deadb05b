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
 *	25 x (0.4 S + 0.3 X + 0.3 A) x (0.8 when compensated, else 1)
 * with S the CVSS score / 10 (unknown: 0.7), X the exploitation likelihood
 * (1 when KEV-listed, else the EPSS probability; unknown: 0.05) and A the
 * asset context: 0.5 x (criticality - 1) / 4 + 0.25 when safety related +
 * 0.125 x the effective exposure step (small 0, controlled 1, open 2).
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
	int			cvss_score_tenths;	/* 0..100 */
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

typedef struct pp_result
{
	int			decision;		/* deployer outcome: 0 defer .. 3 immediate */
	int			priority_tenths;	/* 0..1000: the priority 0..100 in tenths */
} pp_result;

/* EPSS at or above which exploitation counts as a public proof of concept: 0.1 */
#define PP_EPSS_POC_THRESHOLD_TENTHS 1

/* Word of a decision: "defer", "scheduled", "out-of-cycle", "immediate". */
extern const char *pp_decision_word(int decision);

/* Exposure named by a word (small, controlled, open; any case); false if none. */
extern bool pp_parse_exposure(const char *word, int length, pp_exposure *exposure);

/* Fills *result; the input must be within the ranges above. */
extern void pp_evaluate(const pp_input *input, pp_result *result);

#endif							/* PATCH_PRIORITY_CORE_H */
