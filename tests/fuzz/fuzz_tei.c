/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tei.c — the TEI reader on arbitrary bytes.
 *
 * The first byte chooses the options: bit 0 sets a small size limit (the
 * ETOOBIG path); the rest is the document. When a document comes back,
 * the model's invariants must hold: every span inside its text, every
 * index inside its table, every string valid UTF-8 (the rule engine
 * matches without re-checking UTF-8, so this one matters). The same
 * bytes then go through argraph_tei_read_mem_each (a teiCorpus: each
 * member), whose documents must hold the same invariants.
 */
#include "fuzz_common.h"

#include "util/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static void check_str(const char *s)
{
	if (s)
		FUZZ_CHECK(utf8_valid(s, strlen(s)));
}

static void check_doc(const argraph_doc *d)
{
	size_t nsec = argraph_doc_section_count(d), nblk = argraph_doc_block_count(d);
	size_t nsen = argraph_doc_sentence_count(d), ninl = argraph_doc_inline_count(d);
	check_str(argraph_doc_get_lang(d));
	for (size_t i = 0; i < argraph_doc_title_count(d); i++)
		check_str(argraph_doc_title_at(d, i)->text);
	for (size_t i = 0; i < nsec; i++) {
		const argraph_section *s = argraph_doc_section_at(d, i);
		FUZZ_CHECK(s->parent == ARGRAPH_NONE || s->parent < i);
		check_str(s->head);
		check_str(s->xml_id);
		check_str(s->xpath);
	}
	for (size_t i = 0; i < nblk; i++) {
		const argraph_block *b = argraph_doc_block_at(d, i);
		FUZZ_CHECK(b->section < nsec);
		FUZZ_CHECK(b->text && strlen(b->text) == b->len);
		FUZZ_CHECK(utf8_valid(b->text, b->len));
		FUZZ_CHECK(b->first_sentence + b->sentence_count <= nsen);
		FUZZ_CHECK(b->first_inline + b->inline_count <= ninl);
		check_str(b->xpath);
		check_str(b->near_id);
		for (size_t k = 0; k < b->sentence_count; k++) {
			const argraph_sentence *s = argraph_doc_sentence_at(d, b->first_sentence + k);
			FUZZ_CHECK(s->block == i);
			FUZZ_CHECK(s->begin <= s->end && s->end <= b->len);
			FUZZ_CHECK(s->text && strlen(s->text) == s->end - s->begin);
			FUZZ_CHECK(memcmp(s->text, b->text + s->begin, s->end - s->begin) == 0);
			FUZZ_CHECK(utf8_valid(s->text, strlen(s->text)));
			FUZZ_CHECK(s->first_inline + s->inline_count <= ninl);
		}
		for (size_t k = 0; k < b->inline_count; k++) {
			const argraph_inline *in = argraph_doc_inline_at(d, b->first_inline + k);
			FUZZ_CHECK(in->block == i);
			FUZZ_CHECK(in->begin <= in->end && in->end <= b->len);
			FUZZ_CHECK(in->parent == ARGRAPH_NONE || in->parent < b->first_inline + k);
			check_str(in->text);
			check_str(in->key);
			check_str(in->target);
			check_str(in->date);
			check_str(in->author);
		}
	}
	for (size_t i = 0; i < argraph_doc_authority_count(d); i++) {
		const argraph_authority *a = argraph_doc_authority_at(d, i);
		FUZZ_CHECK(a->id != NULL);
		FUZZ_CHECK(argraph_doc_find_authority(d, a->id) != NULL);
		for (size_t k = 0; k < a->name_count; k++)
			check_str(argraph_doc_name_at(d, a->first_name + k)->text);
	}
	for (size_t i = 0; i < argraph_doc_bibentry_count(d); i++) {
		const argraph_bibentry *e = argraph_doc_bibentry_at(d, i);
		check_str(e->title);
		check_str(e->text);
		for (size_t k = 0; k < e->author_count; k++)
			check_str(argraph_doc_name_at(d, e->first_author + k)->text);
	}
	for (size_t i = 0; i < argraph_doc_link_count(d); i++) {
		const argraph_link *l = argraph_doc_link_at(d, i);
		for (size_t k = 0; k < l->target_count; k++)
			check_str(argraph_doc_name_at(d, l->first_target + k)->text);
	}
}

/* argraph_tei_read_mem_each: each member as argraph_tei_read_mem's
 * document is checked; a document iff OK. */
static int check_member(void *ctx, argraph_tei_member *m)
{
	size_t *members = ctx;
	(*members)++;
	FUZZ_CHECK((m->doc != NULL) == (m->status == ARGRAPH_OK));
	FUZZ_CHECK(m->index == *members);
	if (m->doc)
		check_doc(m->doc);
	argraph_doc_free(m->doc);
	return 0;
}

static void fuzz_each(const char *buf, size_t len, const argraph_tei_options *opts)
{
	argraph_diags *diags = NULL;
	size_t members = 0;
	if (argraph_diags_new(&diags) != ARGRAPH_OK)
		return;
	argraph_status st = argraph_tei_read_mem_each(buf, len, "fuzz.tei.xml", opts, check_member,
		&members, diags);
	fuzz_check_diags(diags);
	/* a failure always says why */
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM
		|| argraph_diags_count_at_least(diags, ARGRAPH_SEV_ERROR) > 0);
	argraph_diags_free(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	argraph_tei_options opts = ARGRAPH_TEI_OPTIONS_INIT;
	if (data[0] & 1)
		opts.max_bytes = 512;
	argraph_diags *diags = NULL;
	argraph_doc *doc = NULL;
	if (argraph_diags_new(&diags) != ARGRAPH_OK)
		return 0;
	argraph_status st = argraph_tei_read_mem(&doc, (const char *)data + 1, size - 1,
		"fuzz.tei.xml", &opts, diags);
	fuzz_check_diags(diags);
	if (st == ARGRAPH_OK) {
		FUZZ_CHECK(doc != NULL);
		check_doc(doc);
	} else {
		FUZZ_CHECK(doc == NULL);
		/* a refusal always says why */
		FUZZ_CHECK(st == ARGRAPH_ENOMEM
			|| argraph_diags_count_at_least(diags, ARGRAPH_SEV_ERROR) > 0);
	}
	argraph_doc_free(doc);
	argraph_diags_free(diags);
	fuzz_each((const char *)data + 1, size - 1, &opts);
	return 0;
}
