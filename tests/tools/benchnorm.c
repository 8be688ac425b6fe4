/*
 * benchnorm - speed of the key functions on generated data: names
 * (Devanagari and romanised, with titles and typos), mobile numbers and
 * ~200-character descriptions, on 1 and 2 threads (OpenMP), with peak RSS.
 *
 * usage: benchnorm [-n COUNT] [-t MAXTHREADS] [-o WHAT,...]
 *   COUNT defaults to 1000000, MAXTHREADS to 2; WHAT is a comma-separated
 *   list of names, phones, texts, pairs (default: all).
 *
 * Each line gives the rate by wall time and by CPU time; on a machine
 * shared with other work the second is the steadier per-core figure.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "engine/namesim.h"
#include "engine/normalize.h"
#include "engine/phone.h"
#include "engine/text.h"
#include "engine/util.h"

static const char *const deva_first[] = {
	"रमेश",    "सुरेश",  "महेश",  "राजेश",  "सीता",  "गीता",    "लक्ष्मी", "कमला",
	"संजय",    "अजय",  "विजय", "सुनीता", "अनीता", "मोहम्मद",  "इक़बाल", "कृष्ण",
	"धर्मेन्द्र", "पुष्पा", "राम",  "श्याम",  "गोपाल", "ज्ञानेश्वर",
};
static const char *const deva_last[] = {
	"कुमार", "शर्मा", "वर्मा", "सिंह",     "यादव",  "पटेल",  "देवी",     "बाई",
	"खान",  "जैन",   "मीणा", "अहिरवार", "कुशवाह", "लोधी", "प्रजापति",
};
static const char *const latin_first[] = {
	"Ramesh", "Suresh",  "Mahesh",     "Rajesh", "Sita",  "Geeta",  "Lakshmi",
	"Laxmi",  "Kamla",   "Sanjay",     "Ajay",   "Vijay", "Sunita", "Mohd",
	"Iqbal",  "Krishna", "Dharmendra", "Pushpa", "Ram",   "Shyam",
};
static const char *const latin_last[] = {
	"Kumar", "Sharma", "Verma", "Singh", "Yadav",   "Patel",   "Devi",
	"Bai",   "Khan",   "Jain",  "Meena", "Ahirwar", "Kushwah", "Lodhi",
};
static const char *const titles[] = {"",        "",      "",      "",    "श्री ",
				     "श्रीमती ", "Smt. ", "Shri ", "कु. ", "Dr. "};
static const char *const desc_words[] = {
	"गांव",   "में",      "बिजली", "नहीं",     "आ",     "रही",    "है",       "ट्रांसफार्मर",
	"खराब",  "पानी",   "हैंडपंप",  "सड़क",     "नाली",  "राशन",   "पेंशन",     "किस्त",
	"योजना", "पंचायत",  "सचिव",  "शिकायत",  "कृपया",  "महोदय",  "दिन",     "से",
	"road",  "repair", "not",   "working", "water", "supply", "village",
};

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static char *gen_name(unsigned *s)
{
	char buf[256];
	int deva = rnd(s) % 10 < 6;
	const char *t = titles[rnd(s) % N_ELEM(titles)];
	const char *f = deva ? deva_first[rnd(s) % N_ELEM(deva_first)]
			     : latin_first[rnd(s) % N_ELEM(latin_first)];
	const char *l = deva ? deva_last[rnd(s) % N_ELEM(deva_last)]
			     : latin_last[rnd(s) % N_ELEM(latin_last)];
	xsnprintf(buf, sizeof(buf), "%s%s %s%s", t, f, l,
		  rnd(s) % 8 == 0 ? (deva ? " जी" : " S/O Ram Lal") : "");
	return xstrdup(buf);
}

static char *gen_desc(unsigned *s)
{
	struct strbuf sb = STRBUF_INIT;
	while (sb.len < 420) { /* ~200 characters, most of them Devanagari */
		if (sb.len)
			strbuf_addch(&sb, rnd(s) % 9 ? ' ' : ',');
		strbuf_addstr(&sb, desc_words[rnd(s) % N_ELEM(desc_words)]);
		if (rnd(s) % 15 == 0)
			strbuf_addf(&sb, " %u", rnd(s) % 100);
	}
	return strbuf_detach(&sb, NULL);
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One result line: rate by wall time, rate per CPU-second, extra text. */
static void report(const char *what, int threads, long n, double wall, double cpu,
		   const char *extra)
{
	printf("%-13s %d thread%s  %10.0f /s  %10.0f /cpu-s  (%.2f s, %s)\n", what, threads,
	       threads > 1 ? "s" : " ", n / wall, n / cpu, wall, extra);
}

static void bench_names(char **names, long n, int threads)
{
	long total = 0;
	double t0 = now_seconds(), c0 = cpu_seconds();
#pragma omp parallel num_threads(threads) reduction(+ : total)
	{
		struct name_scratch s = NAME_SCRATCH_INIT;
		struct name_keys k;
#pragma omp for schedule(static)
		for (long i = 0; i < n; i++) {
			name_keys(names[i], strlen(names[i]), &s, &k);
			total += (long)strlen(k.bridge);
		}
		name_scratch_release(&s);
	}
	double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
	char extra[64];
	xsnprintf(extra, sizeof(extra), "check %ld", total);
	report("names", threads, n, dt, dc, extra);
}

static void bench_similarity(char **names, long n, int threads)
{
	/* keys once, as the loader stores them; then pairs from those */
	long m = n < 200000 ? n : 200000;
	char **cmp = xmalloc(sizeof(char *) * m), **br = xmalloc(sizeof(char *) * m);
	struct name_scratch s = NAME_SCRATCH_INIT;
	struct name_keys k;
	for (long i = 0; i < m; i++) {
		name_keys(names[i], strlen(names[i]), &s, &k);
		cmp[i] = xstrdup(k.cmp);
		br[i] = xstrdup(k.bridge);
	}
	name_scratch_release(&s);
	double sum = 0, t0 = now_seconds(), c0 = cpu_seconds();
#pragma omp parallel num_threads(threads) reduction(+ : sum)
	{
		struct name_sim_scratch *ss = name_sim_scratch_new();
#pragma omp for schedule(static)
		for (long i = 0; i < m; i++) {
			long j = (i * 7919 + 1) % m;
			sum += name_similarity(cmp[i], br[i], cmp[j], br[j], ss, NULL);
		}
		name_sim_scratch_free(ss);
	}
	double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
	char extra[64];
	xsnprintf(extra, sizeof(extra), "mean %.3f", sum / m);
	report("name pairs", threads, m, dt, dc, extra);
	for (long i = 0; i < m; i++) {
		free(cmp[i]);
		free(br[i]);
	}
	free(cmp);
	free(br);
}

static void bench_phones(long n, int threads)
{
	long mobiles = 0;
	double t0 = now_seconds(), c0 = cpu_seconds();
#pragma omp parallel for num_threads(threads) reduction(+ : mobiles)
	for (long i = 0; i < n; i++) {
		char raw[32], out[16];
		xsnprintf(raw, sizeof(raw), i % 3 ? "+91 98%03ld %05ld" : "098%03ld-%05ld",
			  i % 1000, i % 100000);
		mobiles += phone_normalize(raw, strlen(raw), out) == PHONE_MOBILE;
	}
	double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
	char extra[64];
	xsnprintf(extra, sizeof(extra), "%ld mobiles", mobiles);
	report("phones", threads, n, dt, dc, extra);
}

static void bench_texts(char **descs, int ndesc, long n, int threads)
{
	long total = 0;
	double t0 = now_seconds(), c0 = cpu_seconds();
#pragma omp parallel num_threads(threads) reduction(+ : total)
	{
		struct text_scratch s = {0};
		struct strbuf tok = STRBUF_INIT;
		uint32_t sig[TEXT_SIG_LEN];
#pragma omp for schedule(static)
		for (long i = 0; i < n; i++) {
			const char *d = descs[i % ndesc];
			text_keys(d, strlen(d), &s, &tok, sig, NULL, NULL);
			total += (long)(tok.len + (sig[0] & 1));
		}
		strbuf_release(&tok);
		text_scratch_release(&s);
	}
	double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
	char extra[64];
	xsnprintf(extra, sizeof(extra), "check %ld", total);
	report("descriptions", threads, n, dt, dc, extra);
}

/* Is what in the comma-separated list (NULL: everything)? */
static int wanted(const char *list, const char *what)
{
	size_t n = strlen(what);
	for (const char *p = list; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, what, n) && (p[n] == ',' || !p[n]))
			return 1;
	}
	return !list;
}

int main(int argc, char **argv)
{
	long n = 1000000;
	int maxt = 2;
	const char *only = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = atol(argv[++i]);
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			maxt = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "usage: benchnorm [-n COUNT] [-t MAXTHREADS] "
					"[-o names,phones,texts,pairs]\n");
			return 2;
		}
	}
	if (n < 1 || maxt < 1) {
		fprintf(stderr, "benchnorm: COUNT and MAXTHREADS must be positive\n");
		return 2;
	}
	unsigned seed = 42;
	char **names = xmalloc(sizeof(char *) * (size_t)n);
	for (long i = 0; i < n; i++)
		names[i] = gen_name(&seed);
	enum { NDESC = 10000 };
	char **descs = xmalloc(sizeof(char *) * NDESC);
	size_t chars = 0;
	for (int i = 0; i < NDESC; i++) {
		descs[i] = gen_desc(&seed);
		struct cpbuf cp = {0};
		size_t bad;
		const char *why;
		norm_decode(descs[i], strlen(descs[i]), &cp, &bad, &why);
		chars += cp.len;
		cpbuf_release(&cp);
	}
	printf("benchnorm: %ld names, %ld descriptions (mean %zu characters)\n", n, n,
	       chars / NDESC);
	for (int t = 1; t <= maxt; t *= 2) {
		if (wanted(only, "names"))
			bench_names(names, n, t);
		if (wanted(only, "phones"))
			bench_phones(n, t);
		if (wanted(only, "texts"))
			bench_texts(descs, NDESC, n, t);
		if (wanted(only, "pairs"))
			bench_similarity(names, n, t);
	}
	printf("peak RSS      %ld MiB\n", peak_rss_kb() / 1024);
	for (long i = 0; i < n; i++)
		free(names[i]);
	for (int i = 0; i < NDESC; i++)
		free(descs[i]);
	free(names);
	free(descs);
	return 0;
}
