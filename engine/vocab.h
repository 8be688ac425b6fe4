/*
 * vocab.h - the texts complaints repeat (places, departments, categories,
 * the export's status and feedback words, officers' names), each stored
 * once in the table vocab (schema v10): complaint_rows.v_<column> holds the
 * id of the text of complaints.<column>, which the view complaints reads
 * back. This is ingest's side: it hands out ids, adding texts as they come.
 *
 * Ids are cached for the life of one struct vocab, which lives inside one
 * transaction's load: a load that fails rolls back and drops its vocab, so
 * no cached id outlives the row it names.
 */
#ifndef NK_VOCAB_H
#define NK_VOCAB_H

#include "engine/store.h"

struct vocab;

struct vocab *vocab_new(struct store *st);
void vocab_free(struct vocab *v);

/*
 * Binds to parameter i of s the id of text, adding text to vocab when it is
 * new; NULL when text is NULL or empty (as store_bind_text stores them).
 * NK_EDB with err when vocab cannot be written.
 */
enum nk_err vocab_bind(struct vocab *v, sqlite3_stmt *s, int i, const char *text,
		       struct strbuf *err);

/*
 * The texts by id, for a reader of complaint_rows' v_* ids (rather than
 * the view's columns: a million rows read through the view look each text
 * up in the table, nearly a second of a night's analysis). The table is
 * read when an id not yet read is asked for, on the reader's connection:
 * vocab only grows, so a text a row names is there by the time it is read.
 */
struct vocab_texts {
	sqlite3 *db;
	const char **text; /* text[id], NULL for an id not in the table */
	int64_t n;         /* ids below n were read */
	int64_t missing;   /* the largest id asked for and not found */
	struct arena arena;
	int rc; /* SQLITE_OK, or how the last read of the table failed */
};

void vocab_texts_init(struct vocab_texts *t, sqlite3 *db);
void vocab_texts_release(struct vocab_texts *t);

/* The text of id: NULL for 0 (a NULL column) or an id the table lacks. */
const char *vocab_texts_get(struct vocab_texts *t, int64_t id);

#endif
