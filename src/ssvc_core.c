/*
 * ssvc_core.c: the SSVC decision tables and their vocabulary (see ssvc_core.h).
 */
#include "ssvc_core.h"

typedef struct ssvc_alias
{
	const char *word;
	int			ordinal;
} ssvc_alias;

typedef struct ssvc_point_def
{
	const char *name;
	int			size;
	const char *words[SSVC_MAX_VALUES];
	ssvc_alias	alias;			/* word NULL when there is none */
	const char *allowed;
} ssvc_point_def;

static const ssvc_point_def point_defs[SSVC_POINT_COUNT] = {
	[SSVC_EXPLOITATION] = {"exploitation", 3, {"none", "public poc", "active"},
	{"poc", 1}, "none, public poc (or poc), active"},
	[SSVC_AUTOMATABLE] = {"automatable", 2, {"no", "yes"},
	{NULL, 0}, "no, yes"},
	[SSVC_TECHNICAL_IMPACT] = {"technical_impact", 2, {"partial", "total"},
	{NULL, 0}, "partial, total"},
	[SSVC_MISSION_WELLBEING] = {"mission_wellbeing", 3, {"low", "medium", "high"},
	{NULL, 0}, "low, medium, high"},
	[SSVC_MISSION_PREVALENCE] = {"mission_prevalence", 3, {"minimal", "support", "essential"},
	{NULL, 0}, "minimal, support, essential"},
	[SSVC_PUBLIC_WELLBEING] = {"public_wellbeing", 3, {"minimal", "material", "irreversible"},
	{NULL, 0}, "minimal, material, irreversible"},
	[SSVC_SYSTEM_EXPOSURE] = {"system_exposure", 3, {"small", "controlled", "open"},
	{NULL, 0}, "small, controlled, open"},
	[SSVC_HUMAN_IMPACT] = {"human_impact", 4, {"low", "medium", "high", "very high"},
	{NULL, 0}, "low, medium, high, very high"},
	[SSVC_SAFETY_IMPACT] = {"safety_impact", 4, {"negligible", "marginal", "critical", "catastrophic"},
	{NULL, 0}, "negligible, marginal, critical, catastrophic"},
	[SSVC_MISSION_IMPACT] = {"mission_impact", 4,
		{"degraded", "mef support crippled", "mef failure", "mission failure"},
	{"crippled", 1}, "degraded, mef support crippled (or crippled), mef failure, mission failure"},
	[SSVC_CISA_PRIORITY] = {"cisa_priority", 4, {"track", "track*", "attend", "act"},
	{NULL, 0}, "track, track*, attend, act"},
	[SSVC_DEPLOYER_PRIORITY] = {"deployer_priority", 4, {"defer", "scheduled", "out-of-cycle", "immediate"},
	{NULL, 0}, "defer, scheduled, out-of-cycle, immediate"},
};

/*
 * The decision tables, one outcome value per row in the CSV files' row order.
 * Generated from the CSV files (reference copies in test/data/ssvc, less their
 * first "# source" line) with this awk, where VALUES are the outcome words in
 * order separated by '|' and SKIP is 1 for files with a leading "row" column,
 * 0 for mission_and_well_being_v1.csv:
 *
 *	awk -F, -v vals=VALUES -v skip=SKIP '
 *	  BEGIN { n = split(vals, v, "|"); for (i = 1; i <= n; i++) ord[v[i]] = i - 1 }
 *	  NR > 1 { p = ""; for (i = 1 + skip; i < NF - 1; i++) p = p (p == "" ? "" : ", ") $i
 *	           if (p != cur) { if (cur != "") printf "\n"; printf "\t/" "* %-34s *" "/", p; cur = p }
 *	           printf " %d,", ord[$NF] }
 *	  END { printf "\n" }' FILE.csv
 *
 * Each line is the values of the last input (in its order) for the inputs
 * named in the comment.  test/c/ssvc_unit.c and the regression test
 * sql/ssvc.sql check every row against the CSV files again.
 */

/* cisa_coordinator_2_0_3.csv; last input mission and well-being (low, medium, high) */
static const unsigned char cisa_table[36] = {
	/* none, no, partial                  */ 0, 0, 0,
	/* none, no, total                    */ 0, 0, 1,
	/* none, yes, partial                 */ 0, 0, 2,
	/* none, yes, total                   */ 0, 0, 2,
	/* public poc, no, partial            */ 0, 0, 1,
	/* public poc, no, total              */ 0, 1, 2,
	/* public poc, yes, partial           */ 0, 0, 2,
	/* public poc, yes, total             */ 0, 1, 2,
	/* active, no, partial                */ 0, 0, 2,
	/* active, no, total                  */ 0, 2, 3,
	/* active, yes, partial               */ 2, 2, 3,
	/* active, yes, total                 */ 2, 3, 3,
};

/* deployer_patch_application_priority_1_0_0.csv; last input human impact (low .. very high) */
static const unsigned char deployer_table[72] = {
	/* none, small, no                    */ 0, 0, 1, 1,
	/* none, small, yes                   */ 0, 1, 1, 1,
	/* none, controlled, no               */ 0, 1, 1, 1,
	/* none, controlled, yes              */ 1, 1, 1, 1,
	/* none, open, no                     */ 0, 1, 1, 1,
	/* none, open, yes                    */ 1, 1, 1, 2,
	/* public poc, small, no              */ 0, 1, 1, 1,
	/* public poc, small, yes             */ 1, 1, 1, 1,
	/* public poc, controlled, no         */ 0, 1, 1, 1,
	/* public poc, controlled, yes        */ 1, 1, 1, 2,
	/* public poc, open, no               */ 1, 1, 1, 2,
	/* public poc, open, yes              */ 1, 1, 2, 2,
	/* active, small, no                  */ 1, 1, 2, 2,
	/* active, small, yes                 */ 1, 2, 2, 2,
	/* active, controlled, no             */ 1, 1, 2, 2,
	/* active, controlled, yes            */ 2, 2, 2, 2,
	/* active, open, no                   */ 1, 2, 2, 3,
	/* active, open, yes                  */ 2, 2, 3, 3,
};

/* human_impact_1_0_0.csv; rows safety impact, last input mission impact */
static const unsigned char human_impact_table[16] = {
	/* negligible                         */ 0, 0, 1, 3,
	/* marginal                           */ 0, 0, 1, 3,
	/* critical                           */ 1, 2, 2, 3,
	/* catastrophic                       */ 3, 3, 3, 3,
};

/* mission_and_well_being_v1.csv; rows mission prevalence, last input public well-being impact */
static const unsigned char mission_wellbeing_table[9] = {
	/* minimal                            */ 0, 1, 2,
	/* support                            */ 1, 1, 2,
	/* essential                          */ 2, 2, 2,
};

static const ssvc_tree trees[SSVC_TREE_COUNT] = {
	[SSVC_TREE_CISA] = {
		"cisa", "CISA SSVC coordinator decision tree 2.0.3", 4,
		{SSVC_EXPLOITATION, SSVC_AUTOMATABLE, SSVC_TECHNICAL_IMPACT, SSVC_MISSION_WELLBEING},
		SSVC_CISA_PRIORITY, 36, cisa_table
	},
	[SSVC_TREE_DEPLOYER] = {
		"deployer", "CERT/CC SSVC deployer patch application priority 1.0.0", 4,
		{SSVC_EXPLOITATION, SSVC_SYSTEM_EXPOSURE, SSVC_AUTOMATABLE, SSVC_HUMAN_IMPACT},
		SSVC_DEPLOYER_PRIORITY, 72, deployer_table
	},
	[SSVC_TREE_HUMAN_IMPACT] = {
		"human_impact", "CERT/CC SSVC human impact 1.0.0", 2,
		{SSVC_SAFETY_IMPACT, SSVC_MISSION_IMPACT},
		SSVC_HUMAN_IMPACT, 16, human_impact_table
	},
	[SSVC_TREE_MISSION_WELLBEING] = {
		"mission_wellbeing", "CISA SSVC mission and well-being impact v1", 2,
		{SSVC_MISSION_PREVALENCE, SSVC_PUBLIC_WELLBEING},
		SSVC_MISSION_WELLBEING, 9, mission_wellbeing_table
	},
};

static int
valid_point(ssvc_point point)
{
	return (int) point >= 0 && point < SSVC_POINT_COUNT;
}

const char *
ssvc_point_name(ssvc_point point)
{
	return valid_point(point) ? point_defs[point].name : "?";
}

int
ssvc_point_size(ssvc_point point)
{
	return valid_point(point) ? point_defs[point].size : 0;
}

const char *
ssvc_value_word(ssvc_point point, int ordinal)
{
	if (!valid_point(point) || ordinal < 0 || ordinal >= point_defs[point].size)
		return NULL;
	return point_defs[point].words[ordinal];
}

const char *
ssvc_allowed_words(ssvc_point point)
{
	return valid_point(point) ? point_defs[point].allowed : "";
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static char
ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

/* word[0..length) equals the lower-case NUL-terminated `canonical`, ignoring case */
static int
same_word(const char *word, size_t length, const char *canonical)
{
	size_t		i;

	for (i = 0; i < length; i++)
	{
		if (canonical[i] == '\0' || ascii_lower(word[i]) != canonical[i])
			return 0;
	}
	return canonical[length] == '\0';
}

int
ssvc_parse_value(ssvc_point point, const char *word, size_t length)
{
	const ssvc_point_def *def;
	int			i;

	if (!valid_point(point) || word == NULL)
		return -1;
	def = &point_defs[point];
	while (length > 0 && is_blank(word[0]))
	{
		word++;
		length--;
	}
	while (length > 0 && is_blank(word[length - 1]))
		length--;
	for (i = 0; i < def->size; i++)
	{
		if (same_word(word, length, def->words[i]))
			return i;
	}
	if (def->alias.word != NULL && same_word(word, length, def->alias.word))
		return def->alias.ordinal;
	return -1;
}

const ssvc_tree *
ssvc_get_tree(ssvc_tree_id id)
{
	if ((int) id < 0 || id >= SSVC_TREE_COUNT)
		return NULL;
	return &trees[id];
}

int
ssvc_decide(const ssvc_tree *tree, const int *values)
{
	int			row = 0;
	int			i;

	for (i = 0; i < tree->n_inputs; i++)
	{
		int			size = point_defs[tree->inputs[i]].size;

		if (values[i] < 0 || values[i] >= size)
			return -1;
		row = row * size + values[i];
	}
	return tree->table[row];
}

int
ssvc_row_values(const ssvc_tree *tree, int row, int *values)
{
	int			i;

	if (row < 0 || row >= tree->n_rows)
		return -1;
	for (i = tree->n_inputs - 1; i >= 0; i--)
	{
		int			size = point_defs[tree->inputs[i]].size;

		values[i] = row % size;
		row /= size;
	}
	return 0;
}
