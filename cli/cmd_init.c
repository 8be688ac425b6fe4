/* cmd_init.c - nirakaran init: create or migrate the database. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/store.h"

static const char usage_text[] =
	"usage: nirakaran init [--db PATH] [--config FILE]\n\n"
	"Creates the district database, or brings an older one to this version's schema.\n"
	"Running it again on a current database changes nothing.\n\n";

int cmd_init(int argc, char **argv)
{
	struct common c;
	struct strbuf err = STRBUF_INIT;
	struct store *st;
	int code;
	if (common_parse(&c, &argc, argv, "init", usage_text, &code))
		return code;
	if (argc > 1) {
		common_release(&c);
		return usage_error("init", "unexpected argument '%s'", argv[1]);
	}
	enum nk_err e = store_open(&st, c.db, STORE_WRITE, &err);
	if (e) {
		log_error("init", "%s", err.buf);
	} else {
		log_info(&c, "init", "%s ready (schema version %d)", c.db, store_db_version(st));
		store_close(st);
	}
	strbuf_release(&err);
	common_release(&c);
	return exit_for(e);
}
