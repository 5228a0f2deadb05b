/*
 * ssvc_unit.c: unit test of ssvc_core against the published SSVC tables.
 *
 *	ssvc_unit DATA_DIR
 *
 * DATA_DIR holds the CSV copies of test/data/ssvc (first line "# source: ...",
 * then the CSV header, then the rows).  Every row of the four tables must
 * parse, sit at its mixed-radix position and give the published outcome;
 * the vocabulary (letter case, blanks, aliases, unknown words) is checked
 * on its own.  Exits non-zero when any check fails.
 */
#include "ssvc_core.h"

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

static int
parse(ssvc_point point, const char *word)
{
	return ssvc_parse_value(point, word, strlen(word));
}

/*
 * Check every row of one CSV file against a tree.  `has_row_column` is 1 when
 * the first column is the row number.  Returns the number of rows read.
 */
static int
check_file(const char *dir, const char *name, ssvc_tree_id id, int has_row_column)
{
	const ssvc_tree *tree = ssvc_get_tree(id);
	char		path[1024];
	char		line[1024];
	FILE	   *f;
	int			line_no = 0;
	int			rows = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (f == NULL)
	{
		fprintf(stderr, "cannot open %s\n", path);
		checks_failed++;
		return 0;
	}
	while (fgets(line, sizeof(line), f) != NULL)
	{
		char	   *fields[8];
		int			n_fields = 0;
		char	   *p = line;
		int			values[SSVC_MAX_INPUTS];
		int			position[SSVC_MAX_INPUTS];
		int			row;
		int			outcome;
		int			i;
		int			ok = 1;

		line_no++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line_no == 1)
		{
			CHECK(strncmp(line, "# source: ", 10) == 0);
			continue;
		}
		if (line_no == 2)
			continue;			/* the CSV header */
		while (n_fields < 8)
		{
			fields[n_fields++] = p;
			p = strchr(p, ',');
			if (p == NULL)
				break;
			*p++ = '\0';
		}
		if (n_fields != has_row_column + tree->n_inputs + 1)
		{
			fprintf(stderr, "%s:%d: %d fields\n", name, line_no, n_fields);
			checks_failed++;
			continue;
		}
		row = has_row_column ? atoi(fields[0]) : rows;
		for (i = 0; i < tree->n_inputs; i++)
		{
			values[i] = parse(tree->inputs[i], fields[has_row_column + i]);
			if (values[i] < 0)
			{
				fprintf(stderr, "%s:%d: unknown %s \"%s\"\n", name, line_no,
						ssvc_point_name(tree->inputs[i]), fields[has_row_column + i]);
				ok = 0;
			}
		}
		CHECK(ok);
		if (!ok)
			continue;
		/* the row sits where the mixed-radix numbering puts it */
		CHECK(ssvc_row_values(tree, row, position) == 0);
		CHECK(memcmp(position, values, sizeof(int) * tree->n_inputs) == 0);
		outcome = ssvc_decide(tree, values);
		checks_run++;
		if (outcome < 0 || strcmp(ssvc_value_word(tree->outcome, outcome), fields[n_fields - 1]) != 0)
		{
			checks_failed++;
			fprintf(stderr, "%s:%d: row %d gives %s, the table says %s\n", name, line_no, row,
					outcome < 0 ? "nothing" : ssvc_value_word(tree->outcome, outcome), fields[n_fields - 1]);
		}
		rows++;
	}
	fclose(f);
	CHECK(rows == tree->n_rows);
	return rows;
}

static void
check_vocabulary(void)
{
	int			p;
	int			t;
	int			values[SSVC_MAX_INPUTS] = {0, 0, 0, 0};

	/* letter case, surrounding blanks, aliases */
	CHECK(parse(SSVC_EXPLOITATION, "Public PoC") == 1);
	CHECK(parse(SSVC_EXPLOITATION, "  ACTIVE\t") == 2);
	CHECK(parse(SSVC_EXPLOITATION, "poc") == 1);
	CHECK(parse(SSVC_EXPLOITATION, "POC") == 1);
	CHECK(parse(SSVC_MISSION_IMPACT, "MEF Support Crippled") == 1);
	CHECK(parse(SSVC_MISSION_IMPACT, "crippled") == 1);
	CHECK(parse(SSVC_HUMAN_IMPACT, "Very High") == 3);
	CHECK(parse(SSVC_CISA_PRIORITY, "Track*") == 1);
	CHECK(parse(SSVC_DEPLOYER_PRIORITY, "Out-of-Cycle") == 2);

	/* not words: near misses, prefixes, extensions, inner blanks, empty, wrong point */
	CHECK(parse(SSVC_EXPLOITATION, "public  poc") == -1);
	CHECK(parse(SSVC_EXPLOITATION, "public") == -1);
	CHECK(parse(SSVC_EXPLOITATION, "activeX") == -1);
	CHECK(parse(SSVC_EXPLOITATION, "") == -1);
	CHECK(parse(SSVC_EXPLOITATION, "   ") == -1);
	CHECK(parse(SSVC_EXPLOITATION, "yes") == -1);
	CHECK(parse(SSVC_AUTOMATABLE, "poc") == -1);
	CHECK(parse(SSVC_HUMAN_IMPACT, "very_high") == -1);
	CHECK(parse(SSVC_MISSION_IMPACT, "mef crippled") == -1);
	CHECK(ssvc_parse_value(SSVC_AUTOMATABLE, "yesno", 3) == 1);	/* length, not NUL, ends the word */
	CHECK(ssvc_parse_value(SSVC_AUTOMATABLE, "no\0", 3) == -1);
	CHECK(ssvc_parse_value(SSVC_POINT_COUNT, "no", 2) == -1);
	CHECK(ssvc_parse_value(SSVC_AUTOMATABLE, NULL, 0) == -1);

	/* every word parses to itself, in upper case too, and is named in the allowed list */
	for (p = 0; p < SSVC_POINT_COUNT; p++)
	{
		int			v;

		CHECK(ssvc_point_size((ssvc_point) p) >= 2 && ssvc_point_size((ssvc_point) p) <= SSVC_MAX_VALUES);
		CHECK(ssvc_value_word((ssvc_point) p, ssvc_point_size((ssvc_point) p)) == NULL);
		CHECK(ssvc_value_word((ssvc_point) p, -1) == NULL);
		for (v = 0; v < ssvc_point_size((ssvc_point) p); v++)
		{
			const char *word = ssvc_value_word((ssvc_point) p, v);
			char		upper[64];
			size_t		i;

			for (i = 0; word[i] && i < sizeof(upper) - 1; i++)
				upper[i] = (word[i] >= 'a' && word[i] <= 'z') ? (char) (word[i] - 32) : word[i];
			upper[i] = '\0';
			CHECK(parse((ssvc_point) p, word) == v);
			CHECK(parse((ssvc_point) p, upper) == v);
			CHECK(strstr(ssvc_allowed_words((ssvc_point) p), word) != NULL);
		}
	}

	/* trees: sizes, every row decides a valid outcome, out-of-range values are refused */
	CHECK(ssvc_get_tree(SSVC_TREE_COUNT) == NULL);
	for (t = 0; t < SSVC_TREE_COUNT; t++)
	{
		const ssvc_tree *tree = ssvc_get_tree((ssvc_tree_id) t);
		int			product = 1;
		int			i;
		int			row;

		for (i = 0; i < tree->n_inputs; i++)
			product *= ssvc_point_size(tree->inputs[i]);
		CHECK(product == tree->n_rows);
		for (row = 0; row < tree->n_rows; row++)
		{
			int			outcome;

			CHECK(ssvc_row_values(tree, row, values) == 0);
			outcome = ssvc_decide(tree, values);
			CHECK(outcome >= 0 && outcome < ssvc_point_size(tree->outcome));
		}
		CHECK(ssvc_row_values(tree, tree->n_rows, values) == -1);
		CHECK(ssvc_row_values(tree, -1, values) == -1);
		for (i = 0; i < tree->n_inputs; i++)
			values[i] = 0;
		values[tree->n_inputs - 1] = ssvc_point_size(tree->inputs[tree->n_inputs - 1]);
		CHECK(ssvc_decide(tree, values) == -1);
		values[tree->n_inputs - 1] = -1;
		CHECK(ssvc_decide(tree, values) == -1);
	}
}

int
main(int argc, char **argv)
{
	int			rows = 0;

	if (argc != 2)
	{
		fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
		return 2;
	}
	rows += check_file(argv[1], "cisa_coordinator_2_0_3.csv", SSVC_TREE_CISA, 1);
	rows += check_file(argv[1], "deployer_patch_application_priority_1_0_0.csv", SSVC_TREE_DEPLOYER, 1);
	rows += check_file(argv[1], "human_impact_1_0_0.csv", SSVC_TREE_HUMAN_IMPACT, 1);
	rows += check_file(argv[1], "mission_and_well_being_v1.csv", SSVC_TREE_MISSION_WELLBEING, 0);
	check_vocabulary();
	printf("ssvc: %d table rows, %d checks, %d failed\n", rows, checks_run, checks_failed);
	return checks_failed == 0 ? 0 : 1;
}
