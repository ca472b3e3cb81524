/* SPDX-License-Identifier: MIT */
/*
 * report_json.c — the audit report as JSON (ARGRAPH_AUDIT_JSON_FORMAT, described
 * in docs/audit.md), written with jansson. Deterministic: records in report
 * order, keys in a fixed order, no timestamps; keys with no value are left
 * out, as in the graph JSON.
 */
#include "audit_internal.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "argraph/argraph.h"

typedef struct jb {
	int bad;
} jb;

static void put(jb *j, json_t *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o, key, v) < 0)
		j->bad = 1;
}

static void put_str(jb *j, json_t *o, const char *key, const char *v)
{
	if (v)
		put(j, o, key, json_string(v));
}

static void put_int(jb *j, json_t *o, const char *key, size_t v)
{
	put(j, o, key, json_integer((json_int_t)v));
}

static void append(jb *j, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v) < 0)
		j->bad = 1;
}

static json_t *summary_json(jb *j, const argraph_audit_summary *s)
{
	json_t *o = json_object();
	if (!o) {
		j->bad = 1;
		return NULL;
	}
	put_int(j, o, "claims", s->claims);
	put_int(j, o, "cited_claims", s->cited_claims);
	put_int(j, o, "factual_claims", s->factual_claims);
	put_int(j, o, "uncited_factual_claims", s->uncited_factual_claims);
	put_int(j, o, "citations", s->citations);
	put_int(j, o, "resolved", s->resolved);
	put_int(j, o, "dangling", s->dangling);
	put_int(j, o, "doubtful", s->doubtful);
	put_int(j, o, "entries", s->entries);
	put_int(j, o, "uncited_entries", s->uncited_entries);
	put_int(j, o, "authors", s->authors);
	return o;
}

static void where(jb *j, json_t *o, const char *file, unsigned line)
{
	put_str(j, o, "file", file);
	if (line)
		put_int(j, o, "line", line);
}

static json_t *document_json(jb *j, const argraph_audit *a, const argraph_audit_document *d)
{
	json_t *o = json_object(), *cits = json_array(), *ents = json_array(),
	       *auths = json_array(), *uns = json_array();
	if (!o || !cits || !ents || !auths || !uns) {
		json_decref(o);
		json_decref(cits);
		json_decref(ents);
		json_decref(auths);
		json_decref(uns);
		j->bad = 1;
		return NULL;
	}
	put_str(j, o, "key", d->key);
	put_str(j, o, "file", d->file);
	put_str(j, o, "title", d->title);
	put(j, o, "summary", summary_json(j, &d->summary));
	for (size_t i = 0; i < d->citation_count && !j->bad; i++) {
		const argraph_audit_citation *c = argraph_audit_citation_at(a, d->first_citation + i);
		json_t *x = json_object();
		if (!x) {
			j->bad = 1;
			break;
		}
		put_str(j, x, "id", c->id);
		put_str(j, x, "marker", c->marker);
		put_str(j, x, "item", c->item);
		put_str(j, x, "form", c->form);
		put_str(j, x, "target", c->target);
		put_str(j, x, "status", c->resolved ? "resolved" : "dangling");
		put_str(j, x, "resolved_by", c->resolved_by);
		put_str(j, x, "doubt", c->doubt);
		put_str(j, x, "stance", c->stance);
		put_str(j, x, "work", c->work);
		put_str(j, x, "work_label", c->work_label);
		put_str(j, x, "claim", c->claim);
		put_str(j, x, "sentence", c->sentence);
		where(j, x, c->file, c->line);
		append(j, cits, x);
	}
	for (size_t i = 0; i < d->entry_count && !j->bad; i++) {
		const argraph_audit_entry *e = argraph_audit_entry_at(a, d->first_entry + i);
		json_t *x = json_object();
		if (!x) {
			j->bad = 1;
			break;
		}
		put_str(j, x, "id", e->id);
		put_str(j, x, "bibl", e->bibl);
		put_str(j, x, "label", e->label);
		put_int(j, x, "cited", e->cited);
		where(j, x, e->file, e->line);
		append(j, ents, x);
	}
	for (size_t i = 0; i < d->author_count && !j->bad; i++) {
		const argraph_audit_author *au = argraph_audit_author_at(a, d->first_author + i);
		json_t *x = json_object(), *claims = json_array();
		if (!x || !claims) {
			json_decref(x);
			json_decref(claims);
			j->bad = 1;
			break;
		}
		put_str(j, x, "id", au->id);
		put_str(j, x, "name", au->name);
		put_str(j, x, "stance", argraph_audit_stance_name(au->stance));
		put_int(j, x, "citations", au->citations);
		for (size_t k = 0; k < au->claim_count && !j->bad; k++) {
			const argraph_audit_attribution *at = argraph_audit_attribution_at(a, au->first_claim + k);
			json_t *y = json_object();
			if (!y) {
				j->bad = 1;
				break;
			}
			put_str(j, y, "claim", at->claim);
			put_str(j, y, "sentence", at->sentence);
			put_str(j, y, "stance", argraph_audit_stance_name(at->stance));
			put_str(j, y, "basis", at->basis);
			put_str(j, y, "rule", at->rule);
			where(j, y, at->file, at->line);
			append(j, claims, y);
		}
		put(j, x, "claims", claims);
		append(j, auths, x);
	}
	for (size_t i = 0; i < d->unsupported_count && !j->bad; i++) {
		const argraph_audit_unsupported *u = argraph_audit_unsupported_at(a, d->first_unsupported + i);
		json_t *x = json_object();
		if (!x) {
			j->bad = 1;
			break;
		}
		put_str(j, x, "claim", u->claim);
		put_str(j, x, "sentence", u->sentence);
		put_str(j, x, "facts", u->facts);
		put_str(j, x, "fact_text", u->fact_text);
		put_str(j, x, "role", u->role);
		put_str(j, x, "certainty", u->certainty);
		put_str(j, x, "section", u->section);
		where(j, x, u->file, u->line);
		append(j, uns, x);
	}
	put(j, o, "citations", cits);
	put(j, o, "entries", ents);
	put(j, o, "authors", auths);
	put(j, o, "needs_support", uns);
	return o;
}

argraph_status argraph_audit__render_json(char **out, const argraph_audit *a)
{
	jb j = {0};
	json_t *root = json_object(), *docs = json_array();
	argraph_audit_summary total = argraph_audit_get_summary(a);
	if (!root || !docs) {
		json_decref(root);
		json_decref(docs);
		return ARGRAPH_ENOMEM;
	}
	put_str(&j, root, "version", ARGRAPH_AUDIT_JSON_FORMAT);
	put_str(&j, root, "generator", "argraph " ARGRAPH_VERSION_STRING);
	put(&j, root, "summary", summary_json(&j, &total));
	for (size_t i = 0; i < argraph_audit_document_count(a) && !j.bad; i++)
		append(&j, docs, document_json(&j, a, argraph_audit_document_at(a, i)));
	put(&j, root, "documents", docs);
	char *s = j.bad ? NULL : json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s)
		return ARGRAPH_ENOMEM;
	/* jansson's allocator is malloc: argraph_free() releases it */
	size_t n = strlen(s);
	char *r = malloc(n + 2);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\n';
		r[n + 1] = '\0';
	}
	free(s);
	*out = r;
	return r ? ARGRAPH_OK : ARGRAPH_ENOMEM;
}
