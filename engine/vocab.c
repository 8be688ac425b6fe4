/* vocab.c - ids of the texts complaints repeat (see vocab.h). */
#include "engine/vocab.h"

#include <stdlib.h>
#include <string.h>

#include "engine/strmap.h"

struct vocab {
	struct store *st;
	struct strmap map; /* text -> index into id[] */
	int64_t *id;
	size_t alloc;
	sqlite3_stmt *add, *find;
};

struct vocab *vocab_new(struct store *st)
{
	struct vocab *v = xcalloc(1, sizeof(*v));
	v->st = st;
	strmap_init(&v->map);
	v->add = store_prepare(st, "INSERT OR IGNORE INTO vocab (text) VALUES (?)");
	v->find = store_prepare(st, "SELECT id FROM vocab WHERE text = ?");
	return v;
}

void vocab_free(struct vocab *v)
{
	if (!v)
		return;
	sqlite3_finalize(v->add);
	sqlite3_finalize(v->find);
	strmap_release(&v->map);
	free(v->id);
	free(v);
}

/* The id of text in the table, adding it: > 0, or 0 with err. */
static int64_t stored_id(struct vocab *v, const char *text, struct strbuf *err)
{
	int64_t id = 0;
	sqlite3_bind_text(v->add, 1, text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(v->add);
	sqlite3_reset(v->add);
	if (rc == SQLITE_DONE) {
		sqlite3_bind_text(v->find, 1, text, -1, SQLITE_STATIC);
		if (sqlite3_step(v->find) == SQLITE_ROW)
			id = sqlite3_column_int64(v->find, 0);
		sqlite3_reset(v->find);
	}
	if (!id)
		store_error(v->st, "cannot store a place, department or category name", err);
	return id;
}

enum nk_err vocab_bind(struct vocab *v, sqlite3_stmt *s, int i, const char *text,
		       struct strbuf *err)
{
	if (!text || !*text) {
		sqlite3_bind_null(s, i);
		return NK_OK;
	}
	int added;
	size_t k = (size_t)strmap_put(&v->map, text, &added);
	if (added)
		ALLOC_GROW(v->id, k + 1, v->alloc);
	/* 0 when the table could not be written: asked again next time */
	if ((added || !v->id[k]) && !(v->id[k] = stored_id(v, text, err)))
		return NK_EDB;
	sqlite3_bind_int64(s, i, v->id[k]);
	return NK_OK;
}

void vocab_texts_init(struct vocab_texts *t, sqlite3 *db)
{
	memset(t, 0, sizeof(*t));
	t->db = db;
}

void vocab_texts_release(struct vocab_texts *t)
{
	free(t->text);
	arena_release(&t->arena);
	vocab_texts_init(t, NULL);
}

/* Reads the texts with ids at or above t->n. */
static void read_texts(struct vocab_texts *t)
{
	sqlite3_stmt *s = NULL;
	t->rc = sqlite3_prepare_v2(t->db, "SELECT id, text FROM vocab WHERE id >= ? ORDER BY id",
				   -1, &s, NULL);
	if (t->rc)
		return;
	sqlite3_bind_int64(s, 1, t->n);
	size_t alloc = (size_t)t->n;
	while ((t->rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (id <= 0 || id > INT32_MAX)
			continue; /* not one ingest handed out */
		ALLOC_GROW(t->text, (size_t)id + 1, alloc);
		while (t->n <= id)
			t->text[t->n++] = NULL;
		t->text[id] = arena_strdup(&t->arena, (const char *)sqlite3_column_text(s, 1));
	}
	if (t->rc == SQLITE_DONE)
		t->rc = SQLITE_OK;
	sqlite3_finalize(s);
}

const char *vocab_texts_get(struct vocab_texts *t, int64_t id)
{
	if (id <= 0)
		return NULL;
	if (id >= t->n && id > t->missing) {
		read_texts(t);
		if (id >= t->n)
			t->missing = id; /* not asked again for it */
	}
	return id < t->n ? t->text[id] : NULL;
}
