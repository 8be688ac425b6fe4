/*
 * normalize.h - a complainant's name turned into the keys that matching
 * compares, computed once at ingest and stored as text in the db.
 *
 *   display   the printed name: NFC, invisible characters (ZWJ, ZWNJ, soft
 *             hyphen, BOM, bidi marks) gone, white space collapsed; the
 *             relation part ("S/O Suresh") cut off
 *   cmp       comparison form: Latin case-folded and accents dropped,
 *             Devanagari folded (nukta, chandrabindu, nasal + virama before
 *             a stop or sibilant, visarga, final virama, ऋ = रि), digits ASCII,
 *             punctuation out, titles (श्री, Smt, Dr ...) and a final जी/ji
 *             out, abbreviations (Kr., Mohd, कु.) spelled out; initials
 *             keep a '.' ("r. k. sharma")
 *   sorted    cmp with its words sorted bytewise (swapped order)
 *   bridge    cmp transliterated word by word into one phonetic alphabet
 *             (engine/translit.h), so both scripts meet: Ramesh and रमेश
 *             both give "ramesh"
 *   phon      bridge folded further (aspirates, sh/s, v/b, inner a) to
 *             forgive typing mistakes; a blocking key, too coarse to score
 *   relation  display form of the part after a relation marker, or ""
 *
 * cmp, sorted, bridge and phon have the same number of space-separated
 * words, word i of each deriving from word i of cmp (sorted excepted).
 * Normalising display or cmp again gives the same keys (tested).
 */
#ifndef NK_NORMALIZE_H
#define NK_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/util.h"

/* A growable array of code points; reused across calls. */
struct cpbuf {
	uint32_t *v;
	size_t len, alloc;
};

/* Which relation marker split the name (S/O, पुत्र ...). */
enum name_relation {
	REL_NONE = 0,
	REL_SON_OF,      /* S/O, पुत्र, बेटा, आत्मज, वल्द */
	REL_DAUGHTER_OF, /* D/O, पुत्री, बेटी, आत्मजा */
	REL_WIFE_OF,     /* W/O, पत्नी, जौजे */
	REL_HUSBAND_OF,  /* H/O, पति */
	REL_CARE_OF,     /* C/O */
	REL_CHILD_OF, /* पिता: "रमेश पिता सुरेश", the father is named */
};

enum name_flag {
	NAME_EMPTY = 1 << 0,        /* nothing left after titles/punctuation */
	NAME_LEGACY_FONT = 1 << 1,  /* Latin letters that are really Kruti Dev */
	NAME_HAS_INITIALS = 1 << 2, /* "R. K. Sharma", "आर. के. शर्मा" */
	NAME_HAS_TITLE = 1 << 3,    /* a title or जी was stripped */
	NAME_MIXED_SCRIPT = 1 << 4, /* Devanagari and Latin words together */
	NAME_HAS_DIGITS = 1 << 5,   /* digits in a name: likely a data error */
};

#define NAME_MAX_WORDS 16

/*
 * Caller-owned working memory. Initialise with NAME_SCRATCH_INIT (or zero
 * it); buffers grow to the largest name seen and are then reused, so a
 * loop over millions of names allocates nothing after the first few.
 * One scratch per thread. name_scratch_release() frees it.
 */
struct name_scratch {
	struct cpbuf in, nfc, disp, cmp;
	uint32_t *src; /* for each cmp code point, its index in disp */
	size_t src_alloc;
	struct strbuf display, cmp_s, sorted, bridge, phon, relation, tmp;
};
#define NAME_SCRATCH_INIT                                                            \
	{                                                                            \
		.display = STRBUF_INIT, .cmp_s = STRBUF_INIT, .sorted = STRBUF_INIT, \
		.bridge = STRBUF_INIT, .phon = STRBUF_INIT, .relation = STRBUF_INIT, \
		.tmp = STRBUF_INIT                                                   \
	}
void name_scratch_init(struct name_scratch *s);
void name_scratch_release(struct name_scratch *s);

/*
 * The keys of one name. The strings point into the scratch and stay valid
 * until its next use: copy them (arena, sqlite3_bind_text with
 * SQLITE_TRANSIENT) before the next call. They are never NULL.
 */
struct name_keys {
	const char *display, *cmp, *sorted, *bridge, *phon, *relation;
	enum name_relation relation_kind;
	unsigned flags;    /* enum name_flag bits */
	int nwords;        /* words in cmp */
	const char *error; /* on -1: what is wrong, in plain words */
	size_t error_at;   /* on -1: byte offset of the bad byte in raw */
};

/*
 * Fills *out from raw[0..len). Returns 0, or -1 when raw is not UTF-8
 * (out->error and out->error_at say why and where; the string fields are
 * then "" and flags NAME_EMPTY). Never crashes on any input. When a
 * relation marker is found the name keys describe the part before it, and
 * the caller should run name_keys() on out->relation for the father or
 * husband field.
 */
int name_keys(const char *raw, size_t len, struct name_scratch *scratch, struct name_keys *out);

/* English words for enum name_relation ("son of" ...), "" for REL_NONE. */
const char *name_relation_name(enum name_relation r);

/* --- code point helpers shared with engine/text.c --------------------- */

/*
 * Decodes s[0..len) into cp (replacing its contents). Returns 0, or -1 with
 * *bad_at the offset of the first ill-formed byte and *why a description.
 */
int norm_decode(const char *s, size_t len, struct cpbuf *cp, size_t *bad_at, const char **why);

/*
 * Canonical composition (NFC) of in (the code points of s[0..len), as
 * norm_decode() gave them) into out. Text in ASCII and the
 * Devanagari block take a table-driven fast path; anything else goes
 * through utf8proc with out's buffer (no allocation once it has grown).
 */
void norm_nfc(const char *s, size_t len, const struct cpbuf *in, struct cpbuf *out);

/*
 * norm_decode() then norm_nfc() into out, in one pass when s is ASCII and
 * Devanagari; tmp is working memory for other text. Returns 0, or -1 as
 * norm_decode() does (out is then undefined).
 */
int norm_decode_nfc(const char *s, size_t len, struct cpbuf *tmp, struct cpbuf *out, size_t *bad_at,
		    const char **why);

/* Appends the UTF-8 encoding of cp[0..n) to sb. */
void norm_encode(const uint32_t *cp, size_t n, struct strbuf *sb);

/* Invisible format characters dropped everywhere (ZWJ, soft hyphen ...). */
int norm_is_invisible(uint32_t c);
/* White space of any kind (NBSP, ideographic space, controls ...). */
int norm_is_space(uint32_t c);

static inline int norm_is_deva(uint32_t c)
{
	return c >= 0x0900 && c <= 0x097F;
}

void cpbuf_reserve(struct cpbuf *b, size_t n);
void cpbuf_release(struct cpbuf *b);

#endif
