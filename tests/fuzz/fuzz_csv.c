/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader.
 *
 * The input's length picks the read size (1..63, or the default) and the
 * field cap, so records get cut at every boundary while the files of
 * tests/data/csv serve as seeds unchanged.
 * Besides the sanitizers, it aborts when a promise of csv.h is broken:
 * every field NUL-terminated at its length, valid UTF-8, no NUL inside,
 * line numbers never going back, every byte of the input read, and only
 * the last row marked cut, exactly when the input ends in neither CR nor
 * LF (after a BOM: UTF-16 units decoded, so the input's own last byte
 * does not tell there).
 *
 *   clang -fsanitize=fuzzer,address,undefined -std=c11 -D_GNU_SOURCE -I. \
 *     tests/fuzz/fuzz_csv.c ingest/csv.c ingest/sniff.c engine/util.c \
 *     -o fuzz_csv
 *   ./fuzz_csv -max_total_time=30 NEW_CORPUS_DIR tests/data/csv/spectrum \
 *     tests/data/csv/cases tests/data/csv/refuse
 */
#include "engine/util.h"
#include "ingest/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_options opt = {0, 0, 0};
	struct csv_reader *r;
	struct row row;
	long last = 0;
	int rc, cut = 0, rows = 0;

	opt.read_size = size % 64;
	opt.field_cap = (size / 64) % 4 == 1 ? 7 : 0;
	r = csv_open_mem(data, size, "fuzz.csv", &opt, NULL);
	if (!r)
		return 0;
	while ((rc = csv_next(r, &row)) == ROW_OK) {
		if (row.number < last || row.nfields == 0 || cut || row.cut < 0 || row.cut > 2)
			abort();
		cut = row.cut;
		rows++;
		last = row.number;
		for (size_t i = 0; i < row.nfields; i++) {
			if (row.field[i][row.len[i]] != 0 || strlen(row.field[i]) != row.len[i] ||
			    !utf8_valid(row.field[i], row.len[i]))
				abort();
			/* the cap counts bytes read; each bad byte then
			   becomes a 3-byte U+FFFD */
			if (opt.field_cap && row.len[i] > 3 * opt.field_cap)
				abort();
		}
		if (row.problem && (row.problem_col < 0 || (size_t)row.problem_col >= row.nfields))
			abort();
	}
	if (rc != ROW_EOF || csv_bytes_read(r) != (long long)size)
		abort();
	int utf16 = size >= 2 && (!memcmp(data, "\xFF\xFE", 2) || !memcmp(data, "\xFE\xFF", 2));
	int ends_line = size && (data[size - 1] == '\n' || data[size - 1] == '\r');
	if (!utf16 && rows && !cut != ends_line)
		abort();
	csv_close(r);
	return 0;
}
