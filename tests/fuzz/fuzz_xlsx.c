/*
 * fuzz_xlsx.c - libFuzzer harness for the XLSX reader (zip layer, XML
 * parts, cell values). Each input is opened from memory as a workbook; every
 * sheet it names is read to the end, rows checked for the promises of
 * row.h (fields NUL-terminated, lengths right).
 *
 * Build and run (from the repo root):
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -I. $(pkg-config --cflags minizip expat) \
 *     -fsanitize=fuzzer,address,undefined tests/fuzz/fuzz_xlsx.c \
 *     ingest/xlsx.c ingest/xlsx_zip.c ingest/xlsx_numfmt.c engine/util.c \
 *     $(pkg-config --libs minizip expat libcrypto) -o build-fuzz/fuzz_xlsx
 *   tests/fuzz/seed_xlsx.sh build-fuzz/corpus-xlsx
 *   build-fuzz/fuzz_xlsx -max_total_time=60 -max_len=100000 build-fuzz/corpus-xlsx
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/xlsx.h"

static void read_sheet(const uint8_t *data, size_t size, const char *sheet)
{
	/* Small limits keep each run fast; the limits themselves are code
	 * under test. */
	struct xlsx_options opt = {.sheet = sheet, .max_uncompressed = 8 << 20};
	struct strbuf err = STRBUF_INIT;
	struct xlsx_reader *r = xlsx_open_mem(data, size, "fuzz.xlsx", &opt, &err);
	if (!r) {
		if (!err.len)
			abort(); /* every failure must say why */
		strbuf_release(&err);
		return;
	}
	struct row row;
	int st;
	while ((st = xlsx_next(r, &row)) == ROW_OK)
		for (size_t i = 0; i < row.nfields; i++)
			if (strlen(row.field[i]) != row.len[i])
				abort();
	if (st == ROW_ERROR && !*xlsx_error(r))
		abort();
	xlsx_close(r);
	strbuf_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_sheet(data, size, NULL);
	/* Then every other sheet by name, at most a few. */
	struct strbuf err = STRBUF_INIT;
	struct xlsx_reader *r = xlsx_open_mem(data, size, "fuzz.xlsx", NULL, &err);
	strbuf_release(&err);
	if (!r)
		return 0;
	int n = xlsx_sheet_count(r);
	for (int i = 0; i < n && i < 4; i++)
		if (i != xlsx_sheet_current(r))
			read_sheet(data, size, xlsx_sheet_name(r, i));
	xlsx_close(r);
	return 0;
}
