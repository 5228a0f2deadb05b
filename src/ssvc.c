/*
 * ssvc.c: the SSVC decision functions, thin fmgr glue over ssvc_core.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "ssvc_core.h"

/* An unknown word: 22023 naming the argument, the allowed words in the detail. */
static void
report_unknown_word(ssvc_point point, text *word)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value for SSVC %s: \"%s\"",
					ssvc_point_name(point), text_to_cstring(word)),
			 errdetail("%s is one of: %s (in any letter case).",
					   ssvc_point_name(point), ssvc_allowed_words(point))));
}

/* Every argument a word of the tree's inputs, in order; the outcome's word as text. */
static Datum
decide(FunctionCallInfo fcinfo, ssvc_tree_id id)
{
	const ssvc_tree *tree = ssvc_get_tree(id);
	int			values[SSVC_MAX_INPUTS];
	int			outcome;
	const char *word;
	int			i;

	for (i = 0; i < tree->n_inputs; i++)
	{
		text	   *arg = PG_GETARG_TEXT_PP(i);

		values[i] = ssvc_parse_value(tree->inputs[i], VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg));
		if (values[i] < 0)
			report_unknown_word(tree->inputs[i], arg);
	}
	outcome = ssvc_decide(tree, values);
	word = ssvc_value_word(tree->outcome, outcome);
	if (word == NULL)
		elog(ERROR, "SSVC %s table has no outcome for its row", tree->key);
	PG_RETURN_TEXT_P(cstring_to_text(word));
}

PG_FUNCTION_INFO_V1(ssvc_cisa_fn);
Datum
ssvc_cisa_fn(PG_FUNCTION_ARGS)
{
	return decide(fcinfo, SSVC_TREE_CISA);
}

PG_FUNCTION_INFO_V1(ssvc_deployer_fn);
Datum
ssvc_deployer_fn(PG_FUNCTION_ARGS)
{
	return decide(fcinfo, SSVC_TREE_DEPLOYER);
}

PG_FUNCTION_INFO_V1(ssvc_human_impact_fn);
Datum
ssvc_human_impact_fn(PG_FUNCTION_ARGS)
{
	return decide(fcinfo, SSVC_TREE_HUMAN_IMPACT);
}

PG_FUNCTION_INFO_V1(ssvc_mission_wellbeing_fn);
Datum
ssvc_mission_wellbeing_fn(PG_FUNCTION_ARGS)
{
	return decide(fcinfo, SSVC_TREE_MISSION_WELLBEING);
}
