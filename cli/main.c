/* main.c - the nirakaran command: a dispatch table, as in git.c. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"run", cmd_run,
	 "the nightly job: ingest the inbox, match, analyse, write the night's reports"},
	{"init", cmd_init, "create the district database, or upgrade its schema"},
	{"ingest", cmd_ingest, "load complaint exports (CSV, XLSX) or masters into the database"},
	{"match", cmd_match, "find duplicate complaints and propose merges (R1, R2, R3)"},
	{"analyze", cmd_analyze, "SLA breaches, escalations, rule violations, scorecards, grading"},
	{"report", cmd_report, "write the night's workbooks and CSVs"},
	{"review", cmd_review,
	 "import a returned merge-review workbook (with OTP), undo a merge, log"},
	{"officer", cmd_officer, "enrol an officer's OTP (QR code), or check a code"},
	{"status", cmd_status, "what the database holds: counts, last ingest, quarantine"},
	{"explain", cmd_explain, "show the evidence for two complaints (ID1 ID2)"},
	{"similar", cmd_similar, "score pairs of names read from stdin (name_a<TAB>name_b)"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fprintf(out, "usage: nirakaran <command> [options]\n\nCommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'nirakaran <command> --help' tells more about one command.\n"
		     "Exit codes: 0 ok, 1 failure, 2 usage error, 3 ok but rows were quarantined,\n"
		     "4 another run holds the database's lock.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
		if (argc > 2) {
			for (size_t i = 0; i < NCOMMANDS; i++) {
				if (!strcmp(commands[i].name, argv[2])) {
					char *args[] = {argv[2], "--help", NULL};
					return commands[i].fn(2, args);
				}
			}
		}
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(name, "--version")) {
		printf("nirakaran 0.1\n");
		return EXIT_OK;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "nirakaran: '%s' is not a nirakaran command.\n\n", name);
	usage(stderr);
	return EXIT_USAGE;
}
