/* cmd_explain.c - nirakaran explain ID1 ID2: the evidence for two complaints. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/match.h"
#include "engine/store.h"

static const char usage_text[] =
	"usage: nirakaran explain ID1 ID2\n\n"
	"Shows how the matcher compares two complaints: their fields side by side, the\n"
	"evidence of each field with its weight, the total, whether the pair would be\n"
	"proposed (and under which rule) or why not, and the reason line in English and\n"
	"Hindi.\n\n";

int cmd_explain(int argc, char **argv)
{
	struct common c;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	int code;
	if (common_parse(&c, &argc, argv, "explain", usage_text, &code))
		return code;
	if (argc != 3) {
		common_release(&c);
		return usage_error("explain", "expected two complaint ids, found %d", argc - 1);
	}
	struct store *st;
	enum nk_err e = store_open(&st, c.db, STORE_READ, &err);
	if (!e) {
		e = match_explain(st, &c.cfg, argv[1], argv[2], &out, &err);
		store_close(st);
	}
	if (e) {
		log_error("explain", "%s", err.buf);
		code = exit_for(e);
	} else {
		fputs(out.buf, stdout);
		code = EXIT_OK;
	}
	strbuf_release(&err);
	strbuf_release(&out);
	common_release(&c);
	return code;
}
