/*
 * ssvc_core.h: SSVC (Stakeholder-Specific Vulnerability Categorization)
 * decision tables, free of PostgreSQL.
 *
 * Four tables, each exactly as published (CERTCC/SSVC data/csv @e3b00a2 and
 * data/csvs/mission-and-well-being_v1.csv; copies in test/data/ssvc):
 *
 *	SSVC_TREE_CISA				CISA coordinator tree 2.0.3: exploitation x
 *								automatable x technical impact x mission and
 *								well-being -> track, track*, attend, act
 *	SSVC_TREE_DEPLOYER			CERT/CC deployer patch application priority
 *								1.0.0: exploitation x system exposure x
 *								automatable x human impact -> defer, scheduled,
 *								out-of-cycle, immediate
 *	SSVC_TREE_HUMAN_IMPACT		human impact 1.0.0 (the deployer's sub-table):
 *								safety impact x mission impact -> human impact
 *	SSVC_TREE_MISSION_WELLBEING	CISA mission and well-being v1 (the
 *								coordinator's sub-table): mission prevalence x
 *								public well-being impact -> low, medium, high
 *
 * A decision point's values are numbered 0.. in the tables' own order (the
 * order of the CSV rows, least to most urgent); a tree's rows are the
 * mixed-radix numbers of its inputs, first input most significant, which is
 * the row order of the CSV files.
 *
 * Words are the tables' own ("public poc", "very high", "mef failure"),
 * matched without regard to ASCII letter case and ignoring surrounding
 * blanks; two aliases are accepted: "poc" for "public poc" and "crippled"
 * for "mef support crippled".
 */
#ifndef SSVC_CORE_H
#define SSVC_CORE_H

#include <stddef.h>

#define SSVC_MAX_INPUTS 4
#define SSVC_MAX_VALUES 4

typedef enum ssvc_point
{
	SSVC_EXPLOITATION = 0,		/* none, public poc, active */
	SSVC_AUTOMATABLE,			/* no, yes */
	SSVC_TECHNICAL_IMPACT,		/* partial, total */
	SSVC_MISSION_WELLBEING,		/* low, medium, high */
	SSVC_MISSION_PREVALENCE,	/* minimal, support, essential */
	SSVC_PUBLIC_WELLBEING,		/* minimal, material, irreversible */
	SSVC_SYSTEM_EXPOSURE,		/* small, controlled, open */
	SSVC_HUMAN_IMPACT,			/* low, medium, high, very high */
	SSVC_SAFETY_IMPACT,			/* negligible, marginal, critical, catastrophic */
	SSVC_MISSION_IMPACT,		/* degraded, mef support crippled, mef failure,
								 * mission failure */
	SSVC_CISA_PRIORITY,			/* track, track*, attend, act */
	SSVC_DEPLOYER_PRIORITY,		/* defer, scheduled, out-of-cycle, immediate */
	SSVC_POINT_COUNT
} ssvc_point;

typedef enum ssvc_tree_id
{
	SSVC_TREE_CISA = 0,
	SSVC_TREE_DEPLOYER,
	SSVC_TREE_HUMAN_IMPACT,
	SSVC_TREE_MISSION_WELLBEING,
	SSVC_TREE_COUNT
} ssvc_tree_id;

typedef struct ssvc_tree
{
	const char *key;			/* catalogue key: cisa, deployer, ... */
	const char *title;			/* the table's published name and version */
	int			n_inputs;
	ssvc_point	inputs[SSVC_MAX_INPUTS];
	ssvc_point	outcome;
	int			n_rows;			/* product of the inputs' value counts */
	const unsigned char *table; /* outcome value per row */
} ssvc_tree;

/* A decision point's name as the SQL functions call their argument. */
const char *ssvc_point_name(ssvc_point point);

/* Number of values of a decision point (2..4). */
int			ssvc_point_size(ssvc_point point);

/* The canonical (lower-case) word of value `ordinal`, NULL when out of range. */
const char *ssvc_value_word(ssvc_point point, int ordinal);

/*
 * The value a word names, or -1 when it names none.  `word` need not be
 * NUL-terminated.
 */
int			ssvc_parse_value(ssvc_point point, const char *word, size_t length);

/* The allowed words, comma-separated, aliases in parentheses: a static string. */
const char *ssvc_allowed_words(ssvc_point point);

/* The tree's definition; NULL for an id out of range. */
const ssvc_tree *ssvc_get_tree(ssvc_tree_id id);

/*
 * The outcome of a tree for the input values (one per input, in the tree's
 * order), or -1 when a value is out of range.
 */
int			ssvc_decide(const ssvc_tree *tree, const int *values);

/* The input values of row `row` (0 .. n_rows-1); -1 when row is out of range. */
int			ssvc_row_values(const ssvc_tree *tree, int row, int *values);

#endif							/* SSVC_CORE_H */
