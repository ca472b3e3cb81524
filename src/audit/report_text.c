/* SPDX-License-Identifier: MIT */
/*
 * report_text.c — the audit report as plain text (a terminal, a review note)
 * and as Markdown (tables, for an issue tracker or a review). Both show
 * the same findings in the same order, each with file:line and its
 * sentence: per document the summary, the citations (dangling first), the
 * reference list (never-cited entries apart), the cited authors with the
 * claims attributed to them, and the claims that need support; then the
 * totals when there are several documents.
 */
#include "audit_internal.h"

#include <stdlib.h>
#include <string.h>

#include "argraph/extract.h"

typedef struct out {
	strbuf *s;
	int md;
} out;

/* A table cell in Markdown: no line breaks, | escaped, < > as entities,
 * so a sentence cannot break the table or smuggle in HTML. */
static void cell(out *o, const char *t)
{
	if (!t)
		return;
	if (!o->md) {
		strbuf_puts(o->s, t);
		return;
	}
	for (; *t; t++) {
		switch (*t) {
		case '|': strbuf_puts(o->s, "\\|"); break;
		case '\\': strbuf_puts(o->s, "\\\\"); break;
		case '<': strbuf_puts(o->s, "&lt;"); break;
		case '>': strbuf_puts(o->s, "&gt;"); break;
		case '&': strbuf_puts(o->s, "&amp;"); break;
		case '\n': case '\r': case '\t': strbuf_putc(o->s, ' '); break;
		default: strbuf_putc(o->s, *t);
		}
	}
}

static void where(out *o, const char *file, unsigned line)
{
	if (o->md)
		strbuf_putc(o->s, '`');
	cell(o, file ? file : "?");
	if (line)
		strbuf_printf(o->s, ":%u", line);
	if (o->md)
		strbuf_putc(o->s, '`');
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static void summary(out *o, const argraph_audit_summary *s)
{
	if (o->md) {
		strbuf_printf(o->s,
			"| | count |\n|---|---:|\n"
			"| claims | %zu |\n| claims with a citation | %zu |\n"
			"| factual claims in the paper's own voice | %zu |\n| … with no citation in sentence or paragraph (needs support) | %zu |\n"
			"| citations | %zu |\n| resolved | %zu |\n| dangling | %zu |\n| … of which doubtful | %zu |\n"
			"| reference-list entries | %zu |\n| never cited | %zu |\n| cited authors | %zu |\n\n",
			s->claims, s->cited_claims, s->factual_claims, s->uncited_factual_claims,
			s->citations, s->resolved, s->dangling, s->doubtful,
			s->entries, s->uncited_entries, s->authors);
		return;
	}
	strbuf_printf(o->s,
		"  claims           %zu, %zu with a citation\n"
		"  factual claims   %zu in the paper's own voice, %zu with no citation in sentence or paragraph (needs support)\n"
		"  citations        %zu: %zu resolved, %zu dangling (%zu doubtful)\n"
		"  reference list   %zu entr%s, %zu never cited\n"
		"  cited authors    %zu\n",
		s->claims, s->cited_claims, s->factual_claims, s->uncited_factual_claims,
		s->citations, s->resolved, s->dangling, s->doubtful,
		s->entries, s->entries == 1 ? "y" : "ies", s->uncited_entries, s->authors);
}

static void heading(out *o, int level, const char *text)
{
	if (o->md) {
		for (int i = 0; i < level; i++)
			strbuf_putc(o->s, '#');
		strbuf_printf(o->s, " %s\n\n", text);
	} else if (level <= 2) {
		strbuf_printf(o->s, "%s\n", text);
	} else {
		strbuf_printf(o->s, "\n%s\n", text);
	}
}

/* What the status of a citation says, in words. */
static void status(out *o, const argraph_audit_citation *c)
{
	if (c->resolved) {
		strbuf_puts(o->s, o->md ? "resolved" : "resolves to ");
		if (!o->md) {
			cell(o, c->work_label ? c->work_label : c->work);
		}
		if (c->resolved_by) {
			strbuf_puts(o->s, " (by ");
			cell(o, strcmp(c->resolved_by, "position") == 0 ? "its place in the reference list"
				: strcmp(c->resolved_by, "author-year") == 0 ? "author and year"
				: c->resolved_by);
			strbuf_putc(o->s, ')');
		}
		return;
	}
	strbuf_puts(o->s, o->md ? "**dangling**: " : "DANGLING: ");
	if (c->target) {
		strbuf_puts(o->s, "points to ");
		cell(o, c->target);
		strbuf_puts(o->s, ", which is no entry of the reference list");
	} else {
		strbuf_puts(o->s, "no target, and no entry matches it");
	}
	if (c->doubt) {
		strbuf_puts(o->s, o->md ? " — *doubtful*: " : " — doubtful: ");
		cell(o, argraph_audit__doubt_text(c->doubt));
	}
}

static void marker(out *o, const argraph_audit_citation *c)
{
	cell(o, c->marker);
	if (c->item) {
		strbuf_puts(o->s, " → ");
		cell(o, c->item);
	}
}

static void citations(out *o, const argraph_audit *a, const argraph_audit_document *d)
{
	heading(o, 3, "Citations (dangling first)");
	if (!d->citation_count) {
		strbuf_puts(o->s, o->md ? "None.\n\n" : "  none\n");
		return;
	}
	if (o->md)
		strbuf_puts(o->s, "| where | marker | status | stance | claim |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->citation_count; i++) {
		const argraph_audit_citation *c = argraph_audit_citation_at(a, d->first_citation + i);
		if (o->md) {
			strbuf_puts(o->s, "| ");
			where(o, c->file, c->line);
			strbuf_puts(o->s, " | ");
			marker(o, c);
			strbuf_puts(o->s, " | ");
			status(o, c);
			if (c->resolved) {
				strbuf_puts(o->s, ": ");
				cell(o, c->work_label ? c->work_label : c->work);
			}
			strbuf_puts(o->s, " | ");
			cell(o, c->stance ? c->stance : "—");
			strbuf_puts(o->s, " | ");
			cell(o, c->sentence ? c->sentence : "—");
			strbuf_puts(o->s, " |\n");
			continue;
		}
		strbuf_puts(o->s, "  ");
		where(o, c->file, c->line);
		strbuf_puts(o->s, ": ");
		marker(o, c);
		strbuf_puts(o->s, "  ");
		status(o, c);
		if (c->stance)
			strbuf_printf(o->s, "  [%s]", c->stance);
		strbuf_putc(o->s, '\n');
		if (c->sentence) {
			strbuf_puts(o->s, "      claim: ");
			cell(o, c->sentence);
			strbuf_putc(o->s, '\n');
		}
	}
	if (o->md)
		strbuf_putc(o->s, '\n');
}

static void entries(out *o, const argraph_audit *a, const argraph_audit_document *d)
{
	heading(o, 3, "Reference list (never cited first)");
	if (!d->entry_count) {
		strbuf_puts(o->s, o->md ? "The text has no reference list.\n\n" : "  the text has no reference list\n");
		return;
	}
	if (o->md)
		strbuf_puts(o->s, "| where | entry | work | cited |\n|---|---|---|---:|\n");
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < d->entry_count; i++) {
			const argraph_audit_entry *e = argraph_audit_entry_at(a, d->first_entry + i);
			if ((pass == 0) != (e->cited == 0))
				continue;
			if (o->md) {
				strbuf_puts(o->s, "| ");
				where(o, e->file, e->line);
				strbuf_puts(o->s, " | ");
				cell(o, e->bibl ? e->bibl : e->id);
				strbuf_puts(o->s, " | ");
				cell(o, e->label);
				strbuf_printf(o->s, " | %s%zu%s |\n", e->cited ? "" : "**", e->cited, e->cited ? "" : "** (never cited)");
				continue;
			}
			strbuf_puts(o->s, "  ");
			where(o, e->file, e->line);
			strbuf_puts(o->s, ": ");
			cell(o, e->bibl ? e->bibl : e->id);
			strbuf_puts(o->s, "  ");
			cell(o, e->label);
			if (e->cited)
				strbuf_printf(o->s, "  cited %zu time%s\n", e->cited, plural(e->cited));
			else
				strbuf_puts(o->s, "  NEVER CITED\n");
		}
	}
	if (o->md)
		strbuf_putc(o->s, '\n');
}

static void authors(out *o, const argraph_audit *a, const argraph_audit_document *d)
{
	heading(o, 3, "Cited authors");
	if (!d->author_count) {
		strbuf_puts(o->s, o->md ? "None.\n\n" : "  none\n");
		return;
	}
	for (size_t i = 0; i < d->author_count; i++) {
		const argraph_audit_author *au = argraph_audit_author_at(a, d->first_author + i);
		if (o->md) {
			strbuf_puts(o->s, "- **");
			cell(o, au->name);
			strbuf_printf(o->s, "** (`%s`): the paper %s them; %zu claim%s attributed, %zu citation%s of their work\n",
				au->id, argraph_audit_stance_name(au->stance), au->claim_count, plural(au->claim_count),
				au->citations, plural(au->citations));
		} else {
			strbuf_puts(o->s, "  ");
			cell(o, au->name);
			strbuf_printf(o->s, " (%s): %s; %zu claim%s attributed, %zu citation%s of their work\n",
				au->id, argraph_audit_stance_name(au->stance), au->claim_count, plural(au->claim_count),
				au->citations, plural(au->citations));
		}
		for (size_t k = 0; k < au->claim_count; k++) {
			const argraph_audit_attribution *at = argraph_audit_attribution_at(a, au->first_claim + k);
			strbuf_puts(o->s, o->md ? "  - " : "      ");
			where(o, at->file, at->line);
			strbuf_printf(o->s, o->md ? " *%s* (%s%s%s): " : ": %s (%s%s%s): ",
				argraph_audit_stance_name(at->stance), at->basis,
				at->rule ? ", " : "", at->rule ? at->rule : "");
			cell(o, at->sentence);
			strbuf_putc(o->s, '\n');
		}
	}
	if (o->md)
		strbuf_putc(o->s, '\n');
}

static void unsupported(out *o, const argraph_audit *a, const argraph_audit_document *d)
{
	heading(o, 3, "Needs support (a fact in the paper's own voice, nothing cited in its sentence or paragraph)");
	if (!d->unsupported_count) {
		strbuf_puts(o->s, o->md ? "None.\n\n" : "  none\n");
		return;
	}
	if (o->md)
		strbuf_puts(o->s, "| where | fact | claim |\n|---|---|---|\n");
	for (size_t i = 0; i < d->unsupported_count; i++) {
		const argraph_audit_unsupported *u = argraph_audit_unsupported_at(a, d->first_unsupported + i);
		if (o->md) {
			strbuf_puts(o->s, "| ");
			where(o, u->file, u->line);
			strbuf_puts(o->s, " | ");
			cell(o, u->facts);
			if (u->fact_text) {
				strbuf_puts(o->s, ": ");
				cell(o, u->fact_text);
			}
			strbuf_puts(o->s, " | ");
			cell(o, u->sentence);
			strbuf_puts(o->s, " |\n");
			continue;
		}
		strbuf_puts(o->s, "  ");
		where(o, u->file, u->line);
		strbuf_puts(o->s, ": [");
		cell(o, u->facts);
		if (u->fact_text) {
			strbuf_puts(o->s, ": ");
			cell(o, u->fact_text);
		}
		strbuf_putc(o->s, ']');
		if (u->role && strcmp(u->role, "statement") != 0)
			strbuf_printf(o->s, " (%s)", u->role);
		if (u->certainty && strcmp(u->certainty, "hedged") == 0)
			strbuf_puts(o->s, " (hedged)");
		strbuf_puts(o->s, "\n      ");
		cell(o, u->sentence);
		strbuf_putc(o->s, '\n');
	}
	if (o->md)
		strbuf_putc(o->s, '\n');
}

/* Whether the document's key is the one its file name gives (a file of
 * its own), not a teiCorpus member's "<file key>~<member>". */
static int key_is_the_files(const argraph_audit_document *d)
{
	char *fk = argraph_doc_key_from_path(d->file);
	int same = fk && strcmp(fk, d->key) == 0;
	free(fk);
	return same;
}

argraph_status argraph_audit__render_text(strbuf *s, const argraph_audit *a, int markdown)
{
	out o = {s, markdown};
	strbuf h = {0};
	if (markdown)
		strbuf_puts(s, "# Citation audit\n\n");
	for (size_t i = 0; i < argraph_audit_document_count(a); i++) {
		const argraph_audit_document *d = argraph_audit_document_at(a, i);
		strbuf_reset(&h);
		if (!markdown)
			strbuf_puts(&h, i ? "\n== " : "== ");
		strbuf_puts(&h, d->file ? d->file : d->key);
		if (d->file && d->key && !key_is_the_files(d))
			strbuf_printf(&h, " [%s]", d->key); /* a member of a teiCorpus file */
		if (d->title)
			strbuf_printf(&h, " — %s", d->title);
		if (!markdown)
			strbuf_puts(&h, " ==");
		if (markdown) {
			strbuf_puts(s, "## ");
			cell(&o, strbuf_cstr(&h));
			strbuf_puts(s, "\n\n");
		} else {
			heading(&o, 2, strbuf_cstr(&h));
		}
		summary(&o, &d->summary);
		citations(&o, a, d);
		entries(&o, a, d);
		authors(&o, a, d);
		unsupported(&o, a, d);
	}
	if (argraph_audit_document_count(a) > 1) {
		argraph_audit_summary t = argraph_audit_get_summary(a);
		heading(&o, 2, markdown ? "All documents" : "\n== all documents ==");
		summary(&o, &t);
	}
	int failed = h.failed;
	strbuf_release(&h);
	return failed || s->failed ? ARGRAPH_ENOMEM : ARGRAPH_OK;
}
