/*
 * cvss_unit.c: checks src/cvss_core.c against the reference vectors in a
 * directory (argv[1], normally test/data/cvss) and against hand-written
 * cases: errors, canonical text, packing, requirements, ordering.
 *
 * Reference line format: "VECTOR - (base, temporal, environmental)" for
 * v2.0/v3.x, "VECTOR - (score,)" or "VECTOR - score" for v4.0; lines
 * starting with '#' are comments.  Temporal and environmental scores are
 * compared only where the vector defines a metric of that group; elsewhere
 * the core must report them as not defined.
 *
 * Prints mismatches and ends with "N passed, M failed"; exits 1 on any
 * failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvss_core.h"
#include "cvss_v4_tables.h"

static long passed;
static long failed;

#define CHECK(condition, ...) \
	do { \
		if (condition) \
			passed++; \
		else \
		{ \
			failed++; \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

static cvss_vector
parse_ok(const char *text)
{
	cvss_vector vector;
	cvss_error	err;
	cvss_error_code code = cvss_parse(text, strlen(text), &vector, &err);

	CHECK(code == CVSS_OK, "parse \"%s\": error %d", text, (int) code);
	return vector;
}

/* ------------------------------------------------ independent metric facts */

/* specification order, used to derive the expected canonical text */
static const char *const v2_order[] = {
	"AV", "AC", "Au", "C", "I", "A", "E", "RL", "RC", "CDP", "TD", "CR", "IR", "AR", NULL
};
static const char *const v3_order[] = {
	"AV", "AC", "PR", "UI", "S", "C", "I", "A", "E", "RL", "RC", "CR", "IR", "AR",
	"MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA", NULL
};
static const char *const v4_order[] = {
	"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA", "E", "CR",
	"IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC",
	"MSI", "MSA", "S", "AU", "R", "V", "RE", "U", NULL
};
static const char *const v2_temporal[] = {"E", "RL", "RC", NULL};
static const char *const v2_environmental[] = {"CDP", "TD", "CR", "IR", "AR", NULL};
static const char *const v3_temporal[] = {"E", "RL", "RC", NULL};
static const char *const v3_environmental[] = {
	"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA", NULL
};

static bool
in_list(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

typedef struct split_vector
{
	char		prefix[16];
	int			count;
	char		name[40][8];
	char		value[40][8];
} split_vector;

/* splits a well-formed vector into its parts; false if it is not one */
static bool
split(const char *text, split_vector *out)
{
	const char *part = text;

	memset(out, 0, sizeof(*out));
	if (strncmp(text, "CVSS:", 5) == 0)
	{
		const char *slash = strchr(text, '/');

		if (slash == NULL || slash - text >= (long) sizeof(out->prefix))
			return false;
		memcpy(out->prefix, text, (size_t) (slash - text));
		part = slash + 1;
	}
	for (;;)
	{
		const char *colon = strchr(part, ':');
		const char *end = part + strcspn(part, "/");

		if (colon == NULL || colon > end || out->count == 40 ||
			colon - part >= 8 || end - colon - 1 >= 8)
			return false;
		memcpy(out->name[out->count], part, (size_t) (colon - part));
		memcpy(out->value[out->count], colon + 1, (size_t) (end - colon - 1));
		out->count++;
		if (*end == '\0')
			return true;
		part = end + 1;
	}
}

static bool
defines_any(const split_vector *parts, const char *const *group)
{
	int			i;

	for (i = 0; i < parts->count; i++)
		if (in_list(group, parts->name[i]) && strcmp(parts->value[i], "X") != 0 &&
			strcmp(parts->value[i], "ND") != 0)
			return true;
	return false;
}

static void
expected_canonical(const split_vector *parts, const char *const *order, char *out)
{
	int			i;

	strcpy(out, parts->prefix);
	for (; *order != NULL; order++)
		for (i = 0; i < parts->count; i++)
			if (strcmp(parts->name[i], *order) == 0 && strcmp(parts->value[i], "X") != 0 &&
				strcmp(parts->value[i], "ND") != 0)
			{
				if (out[0] != '\0')
					strcat(out, "/");
				strcat(out, parts->name[i]);
				strcat(out, ":");
				strcat(out, parts->value[i]);
			}
}

/* ------------------------------------------------ properties of any value */

static void
check_round_trip(const cvss_vector *vector, const char *origin)
{
	char		text[CVSS_TEXT_SIZE];
	char		again_text[CVSS_TEXT_SIZE];
	uint8_t		packed[CVSS_PACKED_SIZE];
	cvss_vector again;
	cvss_error	err;
	size_t		length = cvss_format(vector, text);
	int			kind;

	CHECK(length == strlen(text) && length < CVSS_TEXT_SIZE, "%s: format length", origin);
	CHECK(cvss_parse(text, length, &again, &err) == CVSS_OK &&
		  memcmp(&again, vector, sizeof(again)) == 0,
		  "%s: parse(format) differs, text %s", origin, text);
	cvss_format(&again, again_text);
	CHECK(strcmp(text, again_text) == 0, "%s: format not stable", origin);
	cvss_pack(vector, packed);
	CHECK(cvss_unpack(packed, &again) == CVSS_OK &&
		  memcmp(&again, vector, sizeof(again)) == 0, "%s: unpack(pack) differs", origin);
	CHECK(cvss_compare(vector, &again) == 0, "%s: compare with itself", origin);
	for (kind = CVSS_SCORE_BASE; kind <= CVSS_SCORE_OVERALL; kind++)
	{
		int			expected = kind == CVSS_SCORE_BASE ? cvss_base_score(vector) :
			kind == CVSS_SCORE_TEMPORAL ? cvss_temporal_score(vector) :
			kind == CVSS_SCORE_ENVIRONMENTAL ? cvss_environmental_score(vector) :
			cvss_score(vector);

		CHECK(cvss_packed_score(packed, (cvss_score_kind) kind) == expected,
			  "%s: packed score %d", origin, kind);
		CHECK(expected == CVSS_NOT_DEFINED || (expected >= 0 && expected <= 100),
			  "%s: score %d out of range", origin, expected);
	}
}

/* ------------------------------------------------ reference files */

/* "-0.0", "5", "4.6" -> tenths; "None" -> CVSS_NOT_DEFINED */
static bool
parse_expected(const char *token, int *tenths)
{
	int			sign = 1;
	int			whole = 0;
	int			tenth = 0;

	while (*token == ' ')
		token++;
	if (strncmp(token, "None", 4) == 0)
	{
		*tenths = CVSS_NOT_DEFINED;
		return true;
	}
	if (*token == '-')
	{
		sign = -1;
		token++;
	}
	if (*token < '0' || *token > '9')
		return false;
	while (*token >= '0' && *token <= '9')
		whole = whole * 10 + (*token++ - '0');
	if (*token == '.')
	{
		token++;
		if (*token < '0' || *token > '9')
			return false;
		tenth = *token++ - '0';
		while (*token == '0')
			token++;
	}
	while (*token == ' ')
		token++;
	if (*token != '\0' && *token != ',' && *token != ')')
		return false;
	*tenths = sign * (whole * 10 + tenth);
	if (*tenths == 0)
		*tenths = 0;			/* -0.0 */
	return true;
}

static void
check_reference_line(const char *file, int line_number, char *line)
{
	char	   *separator = strstr(line, " - ");
	char		origin[600];
	char		canonical[600];
	char		text[CVSS_TEXT_SIZE];
	int			expected[3] = {CVSS_NOT_DEFINED, CVSS_NOT_DEFINED, CVSS_NOT_DEFINED};
	int			expected_count = 0;
	char	   *scores;
	split_vector parts;
	cvss_vector vector;
	cvss_error	err;
	const char *const *order;
	int			i;

	snprintf(origin, sizeof(origin), "%s:%d", file, line_number);
	if (separator == NULL)
	{
		CHECK(false, "%s: no \" - \" separator", origin);
		return;
	}
	*separator = '\0';
	scores = separator + 3;
	if (*scores == '(')
		scores++;
	while (*scores != '\0' && *scores != ')' && expected_count < 3)
	{
		if (!parse_expected(scores, &expected[expected_count]))
			break;
		expected_count++;
		scores = strchr(scores, ',');
		if (scores == NULL)
			break;
		scores++;
		while (*scores == ' ')
			scores++;
	}
	if (!split(line, &parts) || expected_count == 0)
	{
		CHECK(false, "%s: unreadable line", origin);
		return;
	}
	if (cvss_parse(line, strlen(line), &vector, &err) != CVSS_OK)
	{
		char		detail[CVSS_ERROR_DETAIL_SIZE];

		cvss_error_detail(&err, detail, sizeof(detail));
		CHECK(false, "%s: %s: %s", origin, line, detail);
		return;
	}

	if (cvss_get_version(&vector) == CVSS_V4_0)
	{
		CHECK(cvss_score(&vector) == expected[0], "%s: %s: score %d, expected %d",
			  origin, line, cvss_score(&vector), expected[0]);
		CHECK(cvss_temporal_score(&vector) == CVSS_NOT_DEFINED &&
			  cvss_environmental_score(&vector) == CVSS_NOT_DEFINED,
			  "%s: v4.0 temporal/environmental defined", origin);
		order = v4_order;
	}
	else
	{
		bool		v2 = cvss_get_version(&vector) == CVSS_V2_0;
		bool		temporal = defines_any(&parts, v2 ? v2_temporal : v3_temporal);
		bool		environmental = defines_any(&parts, v2 ? v2_environmental : v3_environmental);
		int			temporal_score = cvss_temporal_score(&vector);
		int			environmental_score = cvss_environmental_score(&vector);

		CHECK(expected_count == 3, "%s: expected three scores", origin);
		CHECK(cvss_base_score(&vector) == expected[0], "%s: %s: base %d, expected %d",
			  origin, line, cvss_base_score(&vector), expected[0]);
		if (temporal)
			CHECK(temporal_score == expected[1], "%s: %s: temporal %d, expected %d",
				  origin, line, temporal_score, expected[1]);
		else
			CHECK(temporal_score == CVSS_NOT_DEFINED, "%s: temporal defined", origin);
		if (environmental)
			CHECK(environmental_score == expected[2], "%s: %s: environmental %d, expected %d",
				  origin, line, environmental_score, expected[2]);
		else
			CHECK(environmental_score == CVSS_NOT_DEFINED, "%s: environmental defined", origin);
		CHECK(cvss_score(&vector) == (environmental ? environmental_score :
									  temporal ? temporal_score : cvss_base_score(&vector)),
			  "%s: overall score", origin);
		order = v2 ? v2_order : v3_order;
	}

	expected_canonical(&parts, order, canonical);
	cvss_format(&vector, text);
	CHECK(strcmp(text, canonical) == 0, "%s: canonical %s, expected %s", origin, text, canonical);
	for (i = 0; i < parts.count; i++)
	{
		const char *value = NULL;

		CHECK(cvss_metric_value(&vector, parts.name[i], strlen(parts.name[i]), &value) == CVSS_OK &&
			  strcmp(value, parts.value[i]) == 0, "%s: metric %s", origin, parts.name[i]);
	}
	check_round_trip(&vector, origin);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static long
check_reference_file(const char *directory, const char *name)
{
	char		path[1024];
	char		line[1024];
	FILE	   *file;
	int			line_number = 0;
	long		vectors = 0;
	long		failed_before = failed;

	snprintf(path, sizeof(path), "%s/%s", directory, name);
	file = fopen(path, "r");
	if (file == NULL)
	{
		CHECK(false, "cannot open %s", path);
		return 0;
	}
	while (fgets(line, sizeof(line), file) != NULL)
	{
		line_number++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		vectors++;
		check_reference_line(name, line_number, line);
	}
	fclose(file);
	printf("%-24s %5ld vectors checked, %ld failed checks\n", name, vectors,
		   failed - failed_before);
	return vectors;
}

static void
check_reference_files(const char *directory)
{
	DIR		   *dir = opendir(directory);
	struct dirent *entry;
	char	   *names[64];
	int			count = 0;
	long		vectors = 0;
	int			i;

	if (dir == NULL)
	{
		CHECK(false, "cannot open directory %s", directory);
		return;
	}
	while ((entry = readdir(dir)) != NULL && count < 64)
		if (strncmp(entry->d_name, "vectors_", 8) == 0)
			names[count++] = strdup(entry->d_name);
	closedir(dir);
	qsort(names, (size_t) count, sizeof(names[0]), compare_names);
	for (i = 0; i < count; i++)
	{
		vectors += check_reference_file(directory, names[i]);
		free(names[i]);
	}
	printf("%-24s %5ld vectors checked in %d files\n", "total", vectors, count);
	CHECK(count >= 11, "expected the 11 reference files, found %d", count);
}

/* ------------------------------------------------ v4.0 tables vs their source */

static void
check_v4_tables(const char *directory)
{
	char		path[1024];
	char		line[256];
	FILE	   *file;
	int			rows = 0;

	snprintf(path, sizeof(path), "%s/v4/macrovector_scores.tsv", directory);
	file = fopen(path, "r");
	CHECK(file != NULL, "cannot open %s", path);
	if (file == NULL)
		return;
	while (fgets(line, sizeof(line), file) != NULL)
	{
		int			eq[6];
		int			score;
		int			k;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] < '0' || line[0] > '9')
			continue;
		for (k = 0; k < 6; k++)
			eq[k] = line[k] - '0';
		if (!parse_expected(line + 7, &score))
			score = -2;
		CHECK(v4_macrovector_score[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]] == score,
			  "macrovector %.6s: table %d, source %d", line,
			  v4_macrovector_score[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]], score);
		rows++;
	}
	fclose(file);
	CHECK(rows == 270, "macrovector rows %d", rows);
}

/* the quoted strings (max_composed.json) or the numbers after ':' (max_severity.json) */
static int
read_json_items(const char *path, bool strings, char items[][48], int capacity)
{
	FILE	   *file = fopen(path, "r");
	int			count = 0;
	int			c;

	CHECK(file != NULL, "cannot open %s", path);
	if (file == NULL)
		return 0;
	while ((c = fgetc(file)) != EOF && count < capacity)
	{
		int			length = 0;

		if (strings ? c != '"' : c != ':')
			continue;
		if (!strings)
			while ((c = fgetc(file)) == ' ')
				;
		else
			c = fgetc(file);
		while (c != EOF && (strings ? c != '"' : (c >= '0' && c <= '9')) && length < 47)
		{
			items[count][length++] = (char) c;
			c = fgetc(file);
		}
		items[count][length] = '\0';
		/* keys ("eq1", "0") and nested objects are not items */
		if (length > 0 && (!strings || strchr(items[count], '/') != NULL))
			count++;
	}
	fclose(file);
	return count;
}

/* cvss_v4_tables.h's highest-severity vectors and depths against their source */
static void
check_v4_max_tables(const char *directory)
{
	static const char *const vulnerable_letters[6] = {"HLN", "HLN", "HLN", "HML", "HML", "HML"};
	static const char *const vulnerable_names[6] = {"VC", "VI", "VA", "CR", "IR", "AR"};
	char		path[1024];
	char		source[64][48];
	char		ours[64][48];
	int			source_count;
	int			count = 0;
	int			level;
	int			e6;
	int			i;
	int			k;

	snprintf(path, sizeof(path), "%s/v4/max_composed.json", directory);
	source_count = read_json_items(path, true, source, 64);
	for (level = 0; level < 3; level++)
		for (i = 0; i < v4_eq1_max[level].count; i++, count++)
			snprintf(ours[count], sizeof(ours[count]), "AV:%c/PR:%c/UI:%c/",
					 "NALP"[v4_eq1_max[level].level[i][0]], "NLH"[v4_eq1_max[level].level[i][1]],
					 "NPA"[v4_eq1_max[level].level[i][2]]);
	for (level = 0; level < 2; level++)
		for (i = 0; i < v4_eq2_max[level].count; i++, count++)
			snprintf(ours[count], sizeof(ours[count]), "AC:%c/AT:%c/",
					 "LH"[v4_eq2_max[level].level[i][0]], "NP"[v4_eq2_max[level].level[i][1]]);
	for (level = 0; level < 3; level++)
		for (e6 = 0; e6 < 2; e6++)
			for (i = 0; i < v4_eq3eq6_max[level][e6].count; i++, count++)
			{
				ours[count][0] = '\0';
				for (k = 0; k < 6; k++)
				{
					char		part[8];

					snprintf(part, sizeof(part), "%s:%c/", vulnerable_names[k],
							 vulnerable_letters[k][v4_eq3eq6_max[level][e6].level[i][k]]);
					strcat(ours[count], part);
				}
			}
	for (level = 0; level < 3; level++)
		for (i = 0; i < v4_eq4_max[level].count; i++, count++)
			snprintf(ours[count], sizeof(ours[count]), "SC:%c/SI:%c/SA:%c/",
					 "SHLN"[v4_eq4_max[level].level[i][0]], "SHLN"[v4_eq4_max[level].level[i][1]],
					 "SHLN"[v4_eq4_max[level].level[i][2]]);
	/* the source then lists EQ5's E:A/, E:P/, E:U/, which the scorer does not need */
	CHECK(source_count == count + 3, "max_composed.json has %d vectors, tables %d + 3",
		  source_count, count);
	for (i = 0; i < count && i < source_count; i++)
		CHECK(strcmp(ours[i], source[i]) == 0, "max vector %d: table %s, source %s", i,
			  ours[i], source[i]);

	{
		int			depths[16];
		int			depth_count = 0;

		snprintf(path, sizeof(path), "%s/v4/max_severity.json", directory);
		source_count = read_json_items(path, false, source, 64);
		for (i = 0; i < 3; i++)
			depths[depth_count++] = v4_eq1_depth[i];
		for (i = 0; i < 2; i++)
			depths[depth_count++] = v4_eq2_depth[i];
		depths[depth_count++] = v4_eq3eq6_depth[0][0];
		depths[depth_count++] = v4_eq3eq6_depth[0][1];
		depths[depth_count++] = v4_eq3eq6_depth[1][0];
		depths[depth_count++] = v4_eq3eq6_depth[1][1];
		depths[depth_count++] = v4_eq3eq6_depth[2][1];
		for (i = 0; i < 3; i++)
			depths[depth_count++] = v4_eq4_depth[i];
		/* then EQ5's depths, unused */
		CHECK(source_count == depth_count + 3, "max_severity.json has %d depths", source_count);
		for (i = 0; i < depth_count && i < source_count; i++)
			CHECK(atoi(source[i]) == depths[i], "depth %d: table %d, source %s", i, depths[i],
				  source[i]);
	}
}

/* ------------------------------------------------ errors */

typedef struct error_case
{
	const char *input;
	cvss_error_code code;
	size_t		offset;
	size_t		length;
	const char *detail;
} error_case;

#define V31_BASE "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
#define V2_BASE "AV:N/AC:L/Au:N/C:P/I:P/A:P"
#define V4_BASE "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H"

static const error_case error_cases[] = {
	{"", CVSS_ERR_EMPTY, 0, 0, "empty CVSS vector"},
	{" \t\r\n", CVSS_ERR_EMPTY, 4, 0, "empty CVSS vector"},
	{"CVSS:3.2/AV:N", CVSS_ERR_UNKNOWN_PREFIX, 0, 8,
	"unknown prefix \"CVSS:3.2\" (expected CVSS:3.0, CVSS:3.1, CVSS:4.0, or none for v2.0)"},
	{"CVSS:3.10/AV:N", CVSS_ERR_UNKNOWN_PREFIX, 0, 9, NULL},
	{"CVSS:", CVSS_ERR_UNKNOWN_PREFIX, 0, 5, NULL},
	{"CVSS:3.1/AV:N//AC:L", CVSS_ERR_EMPTY_PART, 14, 0, "empty part at offset 14"},
	{"/" V2_BASE, CVSS_ERR_EMPTY_PART, 0, 0, "empty part at offset 0"},
	{V31_BASE "/", CVSS_ERR_TRAILING_SLASH, 44, 1, "trailing \"/\" at offset 44"},
	{"CVSS:3.1/", CVSS_ERR_TRAILING_SLASH, 8, 1, NULL},
	{"CVSS:3.1", CVSS_ERR_MISSING_METRIC, 8, 0, "missing mandatory metric \"AV\""},
	{V31_BASE "/ZZ:Q", CVSS_ERR_UNKNOWN_METRIC, 45, 2,
	"unknown metric \"ZZ\" in a CVSS 3.1 vector"},
	{"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_INVALID_VALUE, 12, 1,
	"invalid value \"Q\" for metric \"AV\""},
	{"CVSS:3.1/AV:N/AC:L/PR:N/AV:N", CVSS_ERR_DUPLICATE_METRIC, 24, 4,
	"duplicate metric \"AV\" at offset 24"},
	{V31_BASE "/E:X/E:P", CVSS_ERR_DUPLICATE_METRIC, 49, 3, NULL},
	{"CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_MISSING_METRIC, 39, 0,
	"missing mandatory metric \"PR\""},
	{"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_ERR_INVALID_VALUE, 12, 1, NULL},
	{V31_BASE "/E:ND", CVSS_ERR_INVALID_VALUE, 47, 2, NULL},
	{V31_BASE "/AV:N:N", CVSS_ERR_DUPLICATE_METRIC, 45, 6, NULL},
	{"CVSS:3.1/AV:N:N", CVSS_ERR_INVALID_VALUE, 12, 3,
	"invalid value \"N:N\" for metric \"AV\""},
	{"CVSS:3.1/AV:", CVSS_ERR_INVALID_VALUE, 12, 0, "invalid value \"\" for metric \"AV\""},
	{"CVSS:3.1/:N", CVSS_ERR_UNKNOWN_METRIC, 9, 0, NULL},
	{"CVSS:3.1/AVN", CVSS_ERR_MALFORMED_PART, 9, 3,
	"part \"AVN\" at offset 9 is not of the form METRIC:VALUE"},
	{"CVSS:3.1/av:n", CVSS_ERR_UNKNOWN_METRIC, 9, 2, NULL},
	{"CVSS:3.1/Au:N", CVSS_ERR_UNKNOWN_METRIC, 9, 2, NULL},
	{"CVSS:3.1/AV:N /AC:L", CVSS_ERR_INVALID_VALUE, 12, 2, NULL},
	{V2_BASE "/E:X", CVSS_ERR_INVALID_VALUE, 29, 1, NULL},
	{"(" V2_BASE ")", CVSS_ERR_UNKNOWN_METRIC, 0, 3,
	"unknown metric \"(AV\" in a CVSS 2.0 vector"},
	{"cvss:3.1/AV:N", CVSS_ERR_UNKNOWN_PREFIX, 0, 8, NULL},
	{V2_BASE "/CVSS:3.1", CVSS_ERR_UNKNOWN_METRIC, 27, 4, NULL},
	{"AV:N/AC:L/Au:N/C:P/I:P", CVSS_ERR_MISSING_METRIC, 22, 0,
	"missing mandatory metric \"A\""},
	{V4_BASE "/SI:S", CVSS_ERR_DUPLICATE_METRIC, 64, 4, NULL},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:S/SA:H",
		CVSS_ERR_INVALID_VALUE, 57, 1, "invalid value \"S\" for metric \"SI\""},
	{V4_BASE "/U:clear", CVSS_ERR_INVALID_VALUE, 66, 5, NULL},
	{V4_BASE "/MSC:S", CVSS_ERR_INVALID_VALUE, 68, 1, NULL},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H", CVSS_ERR_MISSING_METRIC,
	58, 0, "missing mandatory metric \"SA\""},
	{"CVSS:3.1/AV:\x01\"\\\xff", CVSS_ERR_INVALID_VALUE, 12, 4,
	"invalid value \"\\x01\\\"\\\\\\xff\" for metric \"AV\""},
	{"CVSS:3.1/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:N", CVSS_ERR_UNKNOWN_METRIC, 9, 36,
	"unknown metric \"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345...\" in a CVSS 3.1 vector"},
};

static void
check_errors(void)
{
	size_t		i;

	for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++)
	{
		const error_case *c = &error_cases[i];
		cvss_vector vector;
		cvss_vector zero;
		cvss_error	err;
		char		detail[CVSS_ERROR_DETAIL_SIZE];
		cvss_error_code code;

		memset(&vector, 0x5a, sizeof(vector));
		memset(&zero, 0, sizeof(zero));
		code = cvss_parse(c->input, strlen(c->input), &vector, &err);
		cvss_error_detail(&err, detail, sizeof(detail));
		CHECK(code == c->code && err.code == c->code, "\"%s\": code %d, expected %d (%s)",
			  c->input, (int) code, (int) c->code, detail);
		CHECK(err.offset == c->offset && err.length == c->length,
			  "\"%s\": offset %zu length %zu, expected %zu %zu", c->input, err.offset,
			  err.length, c->offset, c->length);
		CHECK(memcmp(&vector, &zero, sizeof(vector)) == 0, "\"%s\": output not zeroed", c->input);
		if (c->detail != NULL)
			CHECK(strcmp(detail, c->detail) == 0, "\"%s\": detail '%s', expected '%s'",
				  c->input, detail, c->detail);
		CHECK(strlen(detail) < sizeof(detail) - 1, "\"%s\": detail may be cut", c->input);
	}

	/* NULL err is allowed; a tiny detail buffer truncates safely */
	{
		cvss_vector vector;
		cvss_error	err;
		char		small[8];

		CHECK(cvss_parse("AV:Q", 4, &vector, NULL) == CVSS_ERR_INVALID_VALUE, "NULL err");
		cvss_parse("AV:Q", 4, &vector, &err);
		CHECK(cvss_error_detail(&err, small, sizeof(small)) == 7 &&
			  strcmp(small, "invalid") == 0, "truncated detail '%s'", small);
	}
	/* NUL bytes inside a token never match a shorter name or value */
	{
		static const struct
		{
			const char *text;
			size_t		length;
			cvss_error_code code;
		}			cases[] = {
			{"CVSS:3.1/AV:N\0", 15, CVSS_ERR_INVALID_VALUE},
			{"CVSS:3.1/AV:N\0N", 16, CVSS_ERR_INVALID_VALUE},
			{"CVSS:3.1/AV:\0", 14, CVSS_ERR_INVALID_VALUE},
			{"CVSS:3.1/AV\0:N", 15, CVSS_ERR_UNKNOWN_METRIC},
			{"CVSS:3.1/A\0V:N", 15, CVSS_ERR_UNKNOWN_METRIC},
			{"CVSS:3.1/S\0:U", 14, CVSS_ERR_UNKNOWN_METRIC},
			{"AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC\0", 34, CVSS_ERR_INVALID_VALUE},
			{"AV:N/AC:L/Au:N/C:P/I:P/A:P/E:PO\0", 33, CVSS_ERR_INVALID_VALUE},
		};
		size_t		k;

		for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		{
			cvss_vector vector;

			CHECK(cvss_parse(cases[k].text, cases[k].length, &vector, NULL) == cases[k].code,
				  "embedded NUL case %zu", k);
		}
	}
	/* the length argument bounds the input: no NUL needed, bytes past it ignored */
	{
		cvss_vector vector;
		const char *text = V31_BASE "/E:P garbage";

		CHECK(cvss_parse(text, strlen(V31_BASE "/E:P"), &vector, NULL) == CVSS_OK,
			  "length-bounded parse");
	}
}

/* ------------------------------------------------ canonical text, equality */

static void
check_canonical(void)
{
	static const char *const cases[][2] = {
		{"CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X",
		"CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F"},
		{"  " V2_BASE "/RC:ND/E:POC\t\n", V2_BASE "/E:POC"},
		{"A:P/I:P/C:P/Au:N/AC:L/AV:N/TD:ND/CDP:LM", V2_BASE "/CDP:LM"},
		{"CVSS:4.0/U:Amber/SA:H/SI:H/SC:H/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/MSI:S/E:X",
		V4_BASE "/MSI:S/U:Amber"},
		{V31_BASE "/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X",
		V31_BASE},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		cvss_vector vector = parse_ok(cases[i][0]);
		char		text[CVSS_TEXT_SIZE];

		cvss_format(&vector, text);
		CHECK(strcmp(text, cases[i][1]) == 0, "canonical of %s: %s", cases[i][0], text);
		check_round_trip(&vector, cases[i][0]);
	}

	/* not defined and absent are one value, also in packed form */
	{
		cvss_vector with_x = parse_ok(V31_BASE "/E:X");
		cvss_vector without = parse_ok(V31_BASE);
		uint8_t		a[CVSS_PACKED_SIZE];
		uint8_t		b[CVSS_PACKED_SIZE];

		cvss_pack(&with_x, a);
		cvss_pack(&without, b);
		CHECK(memcmp(&with_x, &without, sizeof(with_x)) == 0 && cvss_compare(&with_x, &without) == 0 &&
			  memcmp(a, b, sizeof(a)) == 0, "E:X equals absent E");
		CHECK(cvss_temporal_score(&with_x) == CVSS_NOT_DEFINED, "E:X defines no temporal score");
	}

	/* the longest canonical text fits */
	{
		cvss_vector vector = parse_ok(
			"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/"
			"MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:N/AU:N/R:A/"
			"V:D/RE:L/U:Amber");
		char		text[CVSS_TEXT_SIZE];

		CHECK(cvss_format(&vector, text) == 178, "longest text is %zu bytes", strlen(text));
		check_round_trip(&vector, "longest v4.0");
	}
}

/* ------------------------------------------------ scores by hand */

static void
check_scores(void)
{
	/* v3.0 5.0 x 0.92 must stay 4.6 (double arithmetic gives 4.7) */
	cvss_vector vector = parse_ok("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N/RC:U");
	cvss_vector base_only;

	CHECK(cvss_base_score(&vector) == 53 && cvss_temporal_score(&vector) == 49,
		  "RC:U temporal %d", cvss_temporal_score(&vector));
	vector = parse_ok("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N/RC:U");
	CHECK(cvss_base_score(&vector) == 43 && cvss_temporal_score(&vector) == 40,
		  "RC:U temporal %d", cvss_temporal_score(&vector));

	/* v4.0: base is CVSS-B; the score includes threat and environment */
	vector = parse_ok(V4_BASE "/E:U/MAV:P");
	base_only = parse_ok(V4_BASE);
	CHECK(cvss_base_score(&vector) == cvss_score(&base_only) && cvss_base_score(&vector) == 100,
		  "v4.0 base %d", cvss_base_score(&vector));
	CHECK(cvss_score(&vector) < cvss_base_score(&vector), "v4.0 threat lowers the score");
	/* supplemental metrics do not change scores */
	vector = parse_ok(V4_BASE "/S:P/AU:Y/R:I/V:C/RE:H/U:Red");
	CHECK(cvss_score(&vector) == 100 && cvss_base_score(&vector) == 100, "supplemental");

	/* severities at the boundaries */
	CHECK(cvss_severity_for(CVSS_V3_1, 0) == CVSS_SEVERITY_NONE &&
		  cvss_severity_for(CVSS_V3_1, 1) == CVSS_SEVERITY_LOW &&
		  cvss_severity_for(CVSS_V3_1, 39) == CVSS_SEVERITY_LOW &&
		  cvss_severity_for(CVSS_V3_1, 40) == CVSS_SEVERITY_MEDIUM &&
		  cvss_severity_for(CVSS_V4_0, 69) == CVSS_SEVERITY_MEDIUM &&
		  cvss_severity_for(CVSS_V4_0, 70) == CVSS_SEVERITY_HIGH &&
		  cvss_severity_for(CVSS_V3_0, 89) == CVSS_SEVERITY_HIGH &&
		  cvss_severity_for(CVSS_V3_0, 90) == CVSS_SEVERITY_CRITICAL &&
		  cvss_severity_for(CVSS_V4_0, 100) == CVSS_SEVERITY_CRITICAL, "v3/v4 severities");
	CHECK(cvss_severity_for(CVSS_V2_0, 0) == CVSS_SEVERITY_LOW &&
		  cvss_severity_for(CVSS_V2_0, 39) == CVSS_SEVERITY_LOW &&
		  cvss_severity_for(CVSS_V2_0, 40) == CVSS_SEVERITY_MEDIUM &&
		  cvss_severity_for(CVSS_V2_0, 69) == CVSS_SEVERITY_MEDIUM &&
		  cvss_severity_for(CVSS_V2_0, 70) == CVSS_SEVERITY_HIGH &&
		  cvss_severity_for(CVSS_V2_0, 100) == CVSS_SEVERITY_HIGH, "v2 severities");
	vector = parse_ok(V31_BASE);
	CHECK(cvss_severity_of(&vector) == CVSS_SEVERITY_CRITICAL &&
		  strcmp(cvss_severity_name(cvss_severity_of(&vector)), "Critical") == 0, "9.8 critical");
	CHECK(strcmp(cvss_severity_name(CVSS_SEVERITY_NONE), "None") == 0, "severity name");
}

/* ------------------------------------------------ accessors */

static void
check_metric_lookup(void)
{
	cvss_vector v2 = parse_ok(V2_BASE "/E:F");
	cvss_vector v31 = parse_ok(V31_BASE "/MS:C");
	cvss_vector v4 = parse_ok(V4_BASE "/U:Green");
	const char *value = NULL;

	CHECK(cvss_metric_value(&v2, "Au", 2, &value) == CVSS_OK && strcmp(value, "N") == 0, "v2 Au");
	CHECK(cvss_metric_value(&v2, "RL", 2, &value) == CVSS_OK && strcmp(value, "ND") == 0, "v2 RL");
	CHECK(cvss_metric_value(&v2, "PR", 2, &value) == CVSS_ERR_UNKNOWN_METRIC, "v2 has no PR");
	CHECK(cvss_metric_value(&v31, "MS", 2, &value) == CVSS_OK && strcmp(value, "C") == 0, "MS");
	CHECK(cvss_metric_value(&v31, "MAV", 3, &value) == CVSS_OK && strcmp(value, "X") == 0, "MAV");
	CHECK(cvss_metric_value(&v31, "Au", 2, &value) == CVSS_ERR_UNKNOWN_METRIC, "v3 has no Au");
	CHECK(cvss_metric_value(&v31, "AVX", 2, &value) == CVSS_OK && strcmp(value, "N") == 0,
		  "name length bounds the name");
	CHECK(cvss_metric_value(&v4, "U", 1, &value) == CVSS_OK && strcmp(value, "Green") == 0, "U");
	CHECK(cvss_metric_value(&v4, "AU", 2, &value) == CVSS_OK && strcmp(value, "X") == 0, "AU");
	CHECK(cvss_metric_value(&v4, "", 0, &value) == CVSS_ERR_UNKNOWN_METRIC, "empty name");

	CHECK(strcmp(cvss_metric_name(CVSS_V4_0, 31), "U") == 0 &&
		  cvss_metric_name(CVSS_V4_0, 32) == NULL &&
		  strcmp(cvss_metric_name(CVSS_V2_0, 2), "Au") == 0 &&
		  cvss_metric_name(CVSS_V2_0, 14) == NULL &&
		  cvss_metric_name((cvss_version) 9, 0) == NULL, "metric names");
	CHECK(strcmp(cvss_version_name(CVSS_V3_1), "3.1") == 0 &&
		  cvss_version_name((cvss_version) 0) == NULL, "version names");
}

static void
check_requirements(void)
{
	cvss_vector vector = parse_ok(V31_BASE);
	cvss_vector expected = parse_ok(V31_BASE "/CR:L/AR:H");
	cvss_vector before;
	cvss_error	err;
	char		detail[CVSS_ERROR_DETAIL_SIZE];

	CHECK(cvss_set_requirements(&vector, "L", NULL, "H", &err) == CVSS_OK &&
		  memcmp(&vector, &expected, sizeof(vector)) == 0, "v3.1 set CR:L AR:H");
	CHECK(cvss_environmental_score(&vector) != CVSS_NOT_DEFINED, "requirements define env");
	expected = parse_ok(V31_BASE);
	CHECK(cvss_set_requirements(&vector, "X", "X", "X", &err) == CVSS_OK &&
		  memcmp(&vector, &expected, sizeof(vector)) == 0, "v3.1 back to X");

	before = vector;
	CHECK(cvss_set_requirements(&vector, "H", "Q", "L", &err) == CVSS_ERR_INVALID_VALUE &&
		  memcmp(&vector, &before, sizeof(vector)) == 0, "invalid IR leaves the vector");
	cvss_error_detail(&err, detail, sizeof(detail));
	CHECK(strcmp(detail, "invalid value \"Q\" for metric \"IR\"") == 0, "detail %s", detail);
	CHECK(cvss_set_requirements(&vector, "ND", NULL, NULL, NULL) == CVSS_ERR_INVALID_VALUE,
		  "v3.1 rejects ND");

	vector = parse_ok(V2_BASE "/CR:H");
	expected = parse_ok(V2_BASE "/IR:L/AR:M");
	CHECK(cvss_set_requirements(&vector, "X", "L", "M", &err) == CVSS_OK &&
		  memcmp(&vector, &expected, sizeof(vector)) == 0, "v2 X means ND");
	expected = parse_ok(V2_BASE);
	CHECK(cvss_set_requirements(&vector, NULL, "ND", "ND", &err) == CVSS_OK &&
		  memcmp(&vector, &expected, sizeof(vector)) == 0, "v2 ND");
	CHECK(cvss_environmental_score(&vector) == CVSS_NOT_DEFINED, "v2 env gone");

	vector = parse_ok(V4_BASE);
	expected = parse_ok(V4_BASE "/CR:M/IR:L/AR:H");
	CHECK(cvss_set_requirements(&vector, "M", "L", "H", &err) == CVSS_OK &&
		  memcmp(&vector, &expected, sizeof(vector)) == 0, "v4.0 requirements");
}

/* ------------------------------------------------ packed form */

static void
check_packed(void)
{
	static const char *const samples[] = {
		V2_BASE "/E:POC/RL:TF/RC:UR/CDP:MH/TD:M/CR:H/IR:L/AR:M",
		"CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:H/E:U/RL:O/RC:R/CR:L/MS:U/MA:N",
		V31_BASE "/MAV:A/MPR:H/MC:L",
		"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:L/SC:N/SI:L/SA:N/E:P/CR:L/MSA:S/U:Red",
	};
	size_t		i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
	{
		cvss_vector vector = parse_ok(samples[i]);
		cvss_vector out;
		uint8_t		packed[CVSS_PACKED_SIZE];
		uint8_t		broken[CVSS_PACKED_SIZE];
		unsigned	bit;

		cvss_pack(&vector, packed);
		CHECK(packed[0] == CVSS_PACKED_LAYOUT && packed[1] == vector.version &&
			  packed[15] == 0, "%s: header bytes", samples[i]);

		memcpy(broken, packed, sizeof(broken));
		broken[0] = 2;
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_PACKED_LAYOUT, "layout");
		memcpy(broken, packed, sizeof(broken));
		broken[1] = 0;
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_PACKED_VERSION, "version 0");
		broken[1] = 5;
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_PACKED_VERSION, "version 5");
		memcpy(broken, packed, sizeof(broken));
		broken[15] = 1;
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_PACKED_PADDING, "byte 15");
		memcpy(broken, packed, sizeof(broken));
		broken[10] |= 0x80;
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_PACKED_PADDING, "last padding bit");
		memcpy(broken, packed, sizeof(broken));
		broken[11] ^= 1;
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_PACKED_SCORE, "base score byte");
		memcpy(broken, packed, sizeof(broken));
		broken[14] ^= 4;
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_PACKED_SCORE, "overall score byte");
		memcpy(broken, packed, sizeof(broken));
		/* AV, the first metric, code 0: a mandatory metric absent */
		broken[2] &= (uint8_t) ~(vector.version == CVSS_V2_0 ? 3u : 7u);
		CHECK(cvss_unpack(broken, &out) == CVSS_ERR_MISSING_METRIC, "AV code 0");

		/* every single-bit change is rejected or is another valid value */
		for (bit = 0; bit < 8 * CVSS_PACKED_SIZE; bit++)
		{
			memcpy(broken, packed, sizeof(broken));
			broken[bit / 8] ^= (uint8_t) (1u << (bit % 8));
			if (cvss_unpack(broken, &out) == CVSS_OK)
			{
				uint8_t		repacked[CVSS_PACKED_SIZE];

				cvss_pack(&out, repacked);
				CHECK(memcmp(repacked, broken, sizeof(repacked)) == 0,
					  "%s: bit %u accepted but repacks differently", samples[i], bit);
				check_round_trip(&out, "bit flip");
			}
		}
	}

	/* v3 AV takes 3 bits (codes 0..4): code 7 is out of range */
	{
		cvss_vector vector = parse_ok(V31_BASE);
		cvss_vector out;
		uint8_t		packed[CVSS_PACKED_SIZE];

		cvss_pack(&vector, packed);
		packed[2] |= 7;
		CHECK(cvss_unpack(packed, &out) == CVSS_ERR_PACKED_VALUE, "AV code 7");
	}
}

/* ------------------------------------------------ ordering */

static int
compare_vectors(const void *a, const void *b)
{
	return cvss_compare((const cvss_vector *) a, (const cvss_vector *) b);
}

static void
check_compare(void)
{
	static const char *const texts[] = {
		V31_BASE, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V2_BASE,
		"AV:N/AC:L/Au:N/C:C/I:C/A:C", V4_BASE, V4_BASE "/E:U", V31_BASE "/E:U",
		"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", "AV:L/AC:H/Au:M/C:N/I:N/A:N",
		V31_BASE "/RL:O", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L",
	};
	cvss_vector vectors[sizeof(texts) / sizeof(texts[0])];
	size_t		count = sizeof(texts) / sizeof(texts[0]);
	size_t		i;
	size_t		j;

	for (i = 0; i < count; i++)
		vectors[i] = parse_ok(texts[i]);
	for (i = 0; i < count; i++)
		for (j = 0; j < count; j++)
		{
			int			ab = cvss_compare(&vectors[i], &vectors[j]);
			int			ba = cvss_compare(&vectors[j], &vectors[i]);

			CHECK((ab > 0) == (ba < 0) && (ab == 0) == (i == j), "compare %zu %zu", i, j);
			if (cvss_score(&vectors[i]) < cvss_score(&vectors[j]))
				CHECK(ab < 0, "lower score first: %zu %zu", i, j);
		}
	qsort(vectors, count, sizeof(vectors[0]), compare_vectors);
	for (i = 1; i < count; i++)
	{
		char		a[CVSS_TEXT_SIZE];
		char		b[CVSS_TEXT_SIZE];

		cvss_format(&vectors[i - 1], a);
		cvss_format(&vectors[i], b);
		CHECK(cvss_score(&vectors[i - 1]) < cvss_score(&vectors[i]) ||
			  (cvss_score(&vectors[i - 1]) == cvss_score(&vectors[i]) && strcmp(a, b) < 0),
			  "sorted order %s, %s", a, b);
	}
}

/*
 * cvss_ranking_score: the official score where it is monotone; v3.0 by the
 * v3.1 formulas; v2.0 with a negative AdjustedBaseScore as 0.  Each pair is
 * one metric one step more severe, and the official score drops on it.
 */
static void
check_ranking(void)
{
	static const char *const pairs[][2] = {
		{"CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:L/A:H/CR:L/IR:H/AR:H",
		 "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:H/CR:L/IR:H/AR:H"},
		{"CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:C/C:H/I:L/A:N/E:F/RL:O/RC:R/CR:H/IR:M/AR:L",
		 "CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:C/C:H/I:H/A:N/E:F/RL:O/RC:R/CR:H/IR:M/AR:L"},
		{"AV:L/AC:H/Au:M/C:N/I:N/A:N/CDP:L/TD:L/CR:L/IR:L/AR:L",
		 "AV:L/AC:H/Au:M/C:P/I:N/A:N/CDP:L/TD:L/CR:L/IR:L/AR:L"},
		{"AV:L/AC:H/Au:M/C:P/I:N/A:N/E:F/RL:OF/RC:UC/CDP:H/TD:H/CR:L/IR:H/AR:L",
		 "AV:L/AC:H/Au:M/C:P/I:N/A:N/E:H/RL:OF/RC:UC/CDP:H/TD:H/CR:L/IR:H/AR:L"}
	};
	static const char *const same[] = {
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/CR:H/MS:C",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L",
		"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:P",
		"AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/CDP:H/TD:M"
	};
	size_t		i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
	{
		cvss_vector less = parse_ok(pairs[i][0]);
		cvss_vector more = parse_ok(pairs[i][1]);

		CHECK(cvss_score(&more) < cvss_score(&less), "official score drops on %s", pairs[i][1]);
		CHECK(cvss_ranking_score(&more) >= cvss_ranking_score(&less), "ranking drops on %s", pairs[i][1]);
	}
	/* v3.0 ranks as the same metrics under v3.1 */
	{
		cvss_vector v30 = parse_ok(pairs[1][1]);
		cvss_vector v31 = parse_ok("CVSS:3.1/AV:L/AC:L/PR:H/UI:R/S:C/C:H/I:H/A:N/E:F/RL:O/RC:R/CR:H/IR:M/AR:L");

		CHECK(cvss_ranking_score(&v30) == cvss_score(&v31), "v3.0 ranks as v3.1");
		CHECK(cvss_score(&v30) == 69 && cvss_score(&v31) == 70, "v3.0 6.9, v3.1 7.0");
	}
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
	{
		cvss_vector v = parse_ok(same[i]);

		CHECK(cvss_ranking_score(&v) == cvss_score(&v), "ranking equals the score for %s", same[i]);
	}
}

int
main(int argc, char **argv)
{
	if (argc != 2)
	{
		fprintf(stderr, "usage: %s DIRECTORY-OF-REFERENCE-VECTORS\n", argv[0]);
		return 2;
	}
	check_reference_files(argv[1]);
	check_v4_tables(argv[1]);
	check_v4_max_tables(argv[1]);
	check_errors();
	check_canonical();
	check_scores();
	check_metric_lookup();
	check_requirements();
	check_packed();
	check_compare();
	check_ranking();
	printf("%ld passed, %ld failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
