/*
 * patch_priority_core.c: see patch_priority_core.h for the rule.
 */
#include "patch_priority_core.h"

#include <math.h>

#include "ssvc_core.h"

const char *
pp_decision_word(int decision)
{
	return ssvc_value_word(SSVC_DEPLOYER_PRIORITY, decision);
}

bool
pp_parse_exposure(const char *word, int length, pp_exposure *exposure)
{
	int			value = ssvc_parse_value(SSVC_SYSTEM_EXPOSURE, word, (size_t) length);

	if (value < 0)
		return false;
	*exposure = (pp_exposure) value;
	return true;
}

/* SSVC safety impact: negligible, marginal, critical, catastrophic = 0..3 */
static int
safety_impact(const pp_input *in, int criticality)
{
	if (!in->safety_related)
		return 0;
	return criticality == 5 ? 3 : 2;
}

/* SSVC mission impact: degraded, mef support crippled, mef failure, mission failure = 0..3 */
static int
mission_impact(int criticality)
{
	return criticality <= 2 ? 0 : criticality - 2;
}

bool
pp_parameters_valid(const pp_parameters *p)
{
	const double values[] = {
		p->severity_weight, p->likelihood_weight, p->context_weight, p->compensated_factor,
		p->unknown_severity, p->unknown_likelihood, p->criticality_weight, p->safety_weight,
		p->exposure_step_weight
	};
	size_t		i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (!(values[i] >= 0.0 && values[i] <= 1.0))
			return false;
	/* a little slack for decimal weights such as 0.4 + 0.3 + 0.3 in binary */
	return p->severity_weight + p->likelihood_weight + p->context_weight <= 1.0 + 1e-9 &&
		p->criticality_weight + p->safety_weight + 2.0 * p->exposure_step_weight <= 1.0 + 1e-9;
}

void
pp_evaluate(const pp_input *in, const pp_parameters *p, pp_result *result)
{
	const ssvc_tree *human_tree = ssvc_get_tree(SSVC_TREE_HUMAN_IMPACT);
	const ssvc_tree *deployer_tree = ssvc_get_tree(SSVC_TREE_DEPLOYER);
	int			criticality = in->has_criticality ? in->criticality : 3;
	int			exposure = in->has_exposure ? (int) in->exposure : PP_EXPOSURE_CONTROLLED;
	int			human_inputs[2];
	int			deployer_inputs[4];
	double		severity;
	double		likelihood;
	double		context;
	double		within;

	/* compensating controls take the asset one step out of reach */
	if (in->compensated && exposure > PP_EXPOSURE_SMALL)
		exposure--;

	human_inputs[0] = safety_impact(in, criticality);
	human_inputs[1] = mission_impact(criticality);
	deployer_inputs[0] = in->kev ? 2 : (in->has_epss && in->epss_reaches_poc) ? 1 : 0;
	deployer_inputs[1] = exposure;
	deployer_inputs[2] = in->has_cvss && in->automatable ? 1 : 0;
	deployer_inputs[3] = ssvc_decide(human_tree, human_inputs);
	result->decision = ssvc_decide(deployer_tree, deployer_inputs);

	severity = in->has_cvss ? in->cvss_score_tenths / 100.0 : p->unknown_severity;
	likelihood = in->kev ? 1.0 : in->has_epss ? in->epss : p->unknown_likelihood;
	context = p->criticality_weight * (criticality - 1) / 4.0 +
		(in->safety_related ? p->safety_weight : 0.0) + p->exposure_step_weight * exposure;
	within = (p->severity_weight * severity + p->likelihood_weight * likelihood +
			  p->context_weight * context) * (in->compensated ? p->compensated_factor : 1.0);
	/* 1e-9 keeps an exact half from rounding down on a binary fraction */
	result->priority_tenths = (int) floor((25.0 * result->decision + 25.0 * within) * 10.0 + 0.5 + 1e-9);
}
