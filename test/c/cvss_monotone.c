/*
 * cvss_monotone.c: how monotone the CVSS scores are.  For every vector of a
 * product space of metric values (exhaustive) or a random sample of one,
 * each metric is stepped one value more severe and the scores compared; the
 * drops are counted by size and by metric, with the first examples printed.
 *
 *	cc -O2 -std=c99 -Isrc test/c/cvss_monotone.c src/cvss_core.c -o cvss_monotone
 *	./cvss_monotone v2|v3|v4|all [examples]	official scores (cvss_score)
 *	RANKING=1 ./cvss_monotone ...				cvss_ranking_score
 *	V4_EXHAUSTIVE=1 ./cvss_monotone v4			v4.0 base x CR/IR/AR exhaustively
 *
 * A not-defined optional metric ("-") is not stepped from (it stands for the
 * base value or the neutral weight); X of a temporal/threat metric is its
 * most severe value.  Findings (release 0.2.0) are in the README, "Patch
 * priority".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cvss_core.h"

int main(int argc, char **argv);

typedef struct { const char *name; int n; const char *v[6]; } dim; /* values least..most severe; "X" allowed as first = omitted */

static int score_of(const char *prefix, const dim *d, int nd, const int *ix, char *buf)
{
	cvss_vector v; cvss_error e;
	size_t len = (size_t) sprintf(buf, "%s", prefix);
	for (int k = 0; k < nd; k++) {
		const char *val = d[k].v[ix[k]];
		if (strcmp(val, "-") == 0) continue;
		len += (size_t) sprintf(buf + len, "%s%s:%s", len ? "/" : "", d[k].name, val);
	}
	if (cvss_parse(buf, len, &v, &e) != CVSS_OK) { fprintf(stderr, "parse %s\n", buf); exit(2); }
	return getenv("RANKING") ? cvss_ranking_score(&v) : cvss_score(&v);
}

static long total, drops, drop_by[101];
static long drops_metric[40];

static void check(const char *prefix, const dim *d, int nd, int *ix, int verbose)
{
	char a[512], b[512];
	int s = score_of(prefix, d, nd, ix, a);
	for (int k = 0; k < nd; k++) {
		if (ix[k] + 1 >= d[k].n) continue;
		if (ix[k] == 0 && strcmp(d[k].v[0], "-") == 0) continue; /* undefined modified metric: not a severity step */
		ix[k]++;
		int t = score_of(prefix, d, nd, ix, b);
		ix[k]--;
		total++;
		if (t < s) {
			drops++; drop_by[s - t]++; drops_metric[k]++;
			if (verbose > 0 && drops <= verbose) printf("  %s = %d.%d -> %s = %d.%d\n", a, s/10, s%10, b, t/10, t%10);
		}
	}
}

static void report(const char *what, const dim *d, int nd)
{
	printf("%s: %ld steps, %ld drops", what, total, drops);
	for (int i = 1; i <= 100; i++) if (drop_by[i]) printf(" [-%d.%d: %ld]", i/10, i%10, drop_by[i]);
	printf("\n  by metric:");
	for (int k = 0; k < nd; k++) if (drops_metric[k]) printf(" %s %ld", d[k].name, drops_metric[k]);
	printf("\n");
	total = drops = 0; memset(drop_by, 0, sizeof drop_by); memset(drops_metric, 0, sizeof drops_metric);
}

static void exhaustive(const char *prefix, const dim *d, int nd, int verbose)
{
	int ix[40] = {0};
	for (;;) {
		check(prefix, d, nd, ix, verbose);
		int k = nd - 1;
		while (k >= 0 && ++ix[k] == d[k].n) ix[k--] = 0;
		if (k < 0) break;
	}
}

static void sampled(const char *prefix, const dim *d, int nd, long count, int verbose)
{
	int ix[40];
	srand(42);
	for (long i = 0; i < count; i++) {
		for (int k = 0; k < nd; k++) ix[k] = rand() % d[k].n;
		check(prefix, d, nd, ix, verbose);
	}
}

int main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "all";
	int verbose = argc > 2 ? atoi(argv[2]) : 5;
	/* v3 base, least..most severe */
	dim v3b[] = {{"AV",4,{"P","L","A","N"}},{"AC",2,{"H","L"}},{"PR",3,{"H","L","N"}},{"UI",2,{"R","N"}},
		{"S",2,{"U","C"}},{"C",3,{"N","L","H"}},{"I",3,{"N","L","H"}},{"A",3,{"N","L","H"}}};
	dim v3t[] = {{"E",5,{"U","P","F","H","-"}},{"RL",5,{"O","T","W","U","-"}},{"RC",4,{"U","R","C","-"}}};
	dim v3r[] = {{"CR",3,{"L","M","H"}},{"IR",3,{"L","M","H"}},{"AR",3,{"L","M","H"}}};
	dim v3m[] = {{"MAV",5,{"-","P","L","A","N"}},{"MAC",3,{"-","H","L"}},{"MPR",4,{"-","H","L","N"}},{"MUI",3,{"-","R","N"}},
		{"MS",3,{"-","U","C"}},{"MC",4,{"-","N","L","H"}},{"MI",4,{"-","N","L","H"}},{"MA",4,{"-","N","L","H"}}};
	if (!strcmp(which, "v3") || !strcmp(which, "all")) {
		for (int ver = 0; ver < 2; ver++) {
			const char *p = ver ? "CVSS:3.1" : "CVSS:3.0";
			dim d[40]; int nd = 0;
			memcpy(d, v3b, sizeof v3b); nd = 8;
			exhaustive(p, d, nd, verbose); report(ver ? "3.1 base" : "3.0 base", d, nd);
			memcpy(d + nd, v3t, sizeof v3t); nd += 3;
			exhaustive(p, d, nd, verbose); report(ver ? "3.1 base+temporal" : "3.0 base+temporal", d, nd);
			nd = 8; memcpy(d + nd, v3r, sizeof v3r); nd += 3;
			exhaustive(p, d, nd, verbose); report(ver ? "3.1 base+CR/IR/AR" : "3.0 base+CR/IR/AR", d, nd);
			nd = 8; memcpy(d + nd, v3t, sizeof v3t); nd += 3; memcpy(d + nd, v3r, sizeof v3r); nd += 3; memcpy(d + nd, v3m, sizeof v3m); nd += 8;
			sampled(p, d, nd, 1000000, verbose); report(ver ? "3.1 all (1M sampled)" : "3.0 all (1M sampled)", d, nd);
		}
	}
	dim v2b[] = {{"AV",3,{"L","A","N"}},{"AC",3,{"H","M","L"}},{"Au",3,{"M","S","N"}},{"C",3,{"N","P","C"}},{"I",3,{"N","P","C"}},{"A",3,{"N","P","C"}}};
	dim v2t[] = {{"E",5,{"U","POC","F","H","-"}},{"RL",5,{"OF","TF","W","U","-"}},{"RC",4,{"UC","UR","C","-"}}};
	dim v2e[] = {{"CDP",5,{"N","L","LM","MH","H"}},{"TD",4,{"N","L","M","H"}},{"CR",3,{"L","M","H"}},{"IR",3,{"L","M","H"}},{"AR",3,{"L","M","H"}}};
	if (!strcmp(which, "v2") || !strcmp(which, "all")) {
		dim d[40]; int nd;
		memcpy(d, v2b, sizeof v2b); nd = 6;
		exhaustive("", d, nd, verbose); report("2.0 base", d, nd);
		memcpy(d + nd, v2t, sizeof v2t); nd += 3;
		exhaustive("", d, nd, verbose); report("2.0 base+temporal", d, nd);
		nd = 6; memcpy(d + nd, v2e, sizeof v2e); nd += 5;
		exhaustive("", d, nd, verbose); report("2.0 base+environmental", d, nd);
		nd = 6; memcpy(d + nd, v2t, sizeof v2t); nd += 3; memcpy(d + nd, v2e, sizeof v2e); nd += 5;
		sampled("", d, nd, 1000000, verbose); report("2.0 all (1M sampled)", d, nd);
	}
	dim v4b[] = {{"AV",4,{"P","L","A","N"}},{"AC",2,{"H","L"}},{"AT",2,{"P","N"}},{"PR",3,{"H","L","N"}},{"UI",3,{"A","P","N"}},
		{"VC",3,{"N","L","H"}},{"VI",3,{"N","L","H"}},{"VA",3,{"N","L","H"}},{"SC",3,{"N","L","H"}},{"SI",3,{"N","L","H"}},{"SA",3,{"N","L","H"}}};
	dim v4e[] = {{"E",3,{"U","P","A"}}};
	dim v4r[] = {{"CR",3,{"L","M","H"}},{"IR",3,{"L","M","H"}},{"AR",3,{"L","M","H"}}};
	dim v4m[] = {{"MAV",5,{"-","P","L","A","N"}},{"MAC",3,{"-","H","L"}},{"MAT",3,{"-","P","N"}},{"MPR",4,{"-","H","L","N"}},{"MUI",4,{"-","A","P","N"}},
		{"MVC",4,{"-","N","L","H"}},{"MVI",4,{"-","N","L","H"}},{"MVA",4,{"-","N","L","H"}},{"MSC",4,{"-","N","L","H"}},{"MSI",5,{"-","N","L","H","S"}},{"MSA",5,{"-","N","L","H","S"}}};
	if (!strcmp(which, "v4") || !strcmp(which, "all")) {
		dim d[40]; int nd;
		memcpy(d, v4b, sizeof v4b); nd = 11;
		exhaustive("CVSS:4.0", d, nd, verbose); report("4.0 base", d, nd);
		memcpy(d + nd, v4e, sizeof v4e); nd += 1;
		exhaustive("CVSS:4.0", d, nd, verbose); report("4.0 base+E", d, nd);
		nd = 11; memcpy(d + nd, v4r, sizeof v4r); nd += 3;
		if (getenv("V4_EXHAUSTIVE")) { exhaustive("CVSS:4.0", d, nd, verbose); report("4.0 base+CR/IR/AR (exhaustive)", d, nd); return 0; }
		sampled("CVSS:4.0", d, nd, 2000000, verbose); report("4.0 base+CR/IR/AR (2M sampled)", d, nd);
		nd = 11; memcpy(d + nd, v4e, sizeof v4e); nd += 1; memcpy(d + nd, v4r, sizeof v4r); nd += 3; memcpy(d + nd, v4m, sizeof v4m); nd += 11;
		sampled("CVSS:4.0", d, nd, 2000000, verbose); report("4.0 all (2M sampled)", d, nd);
	}
	return 0;
}
