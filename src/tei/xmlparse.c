/* SPDX-License-Identifier: MIT */
/*
 * xmlparse.c — safe libxml2 parsing and its error bridge. See xmlparse.h.
 *
 * libxml2 2.9.14 has no per-context structured error handler
 * (xmlCtxtSetErrorHandler came in 2.13), so errors are caught through the
 * SAX serror hook — our state goes in ctxt->_private, never in userData,
 * which the tree builder owns — plus the thread-local global handler for
 * I/O errors that carry no context; the global one is restored after.
 */
#define _POSIX_C_SOURCE 200809L
#include "xmlparse.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "../util/slurp.h"
#include "../util/strbuf.h"
#include "../util/strmap.h"

/* ---- reading files ---- */

argraph_status argraph_xml__slurp(const char *path, size_t max_bytes,
	const char *code, char **buf, size_t *len, argraph_diags *diags)
{
	argraph_pos pos = {path, 0, 0, NULL};
	slurp_info info;
	const char *hint = code ? "" : " (argraph map --max-size)";
	switch (slurp_file(path, max_bytes, buf, len, &info)) {
	case SLURP_OK:
		return ARGRAPH_OK;
	case SLURP_OPEN:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code ? code : "io.open", &pos,
			"cannot open: %s", strerror(info.err));
		return ARGRAPH_EIO;
	case SLURP_NOT_FILE:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code ? code : "io.not-file", &pos,
			"%s", slurp_file_type(info.mode));
		return ARGRAPH_EIO;
	case SLURP_TOO_BIG:
		if (info.size)
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code ? code : "io.too-big", &pos,
				"file is %lld bytes, over the limit of %zu bytes%s", info.size,
				max_bytes, hint);
		else
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code ? code : "io.too-big", &pos,
				"file is over the limit of %zu bytes%s", max_bytes, hint);
		return ARGRAPH_ETOOBIG;
	case SLURP_READ:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code ? code : "io.read", &pos,
			"cannot read: %s", strerror(info.err));
		return ARGRAPH_EIO;
	case SLURP_NOMEM:
		break;
	}
	argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code ? code : "io.nomem", &pos,
		"out of memory reading %lld bytes", info.size);
	return ARGRAPH_ENOMEM;
}

argraph_status argraph_xml__slurp_tei(const char *path, const argraph_tei_options *opts,
	char **buf, size_t *len, argraph_diags *diags)
{
	argraph_tei_options defaults = ARGRAPH_TEI_OPTIONS_INIT;
	*buf = NULL;
	*len = 0;
	return argraph_xml__slurp(path, (opts ? opts : &defaults)->max_bytes, NULL, buf, len, diags);
}

/* ---- errors ---- */

typedef struct rewritten {
	const char *what; /* code suffix */
	strbuf msg;
} rewritten;

/* Clearer words for the libxml2 errors a user of argraph meets most. */
static void S_rewrite(const xmlError *err, rewritten *rw)
{
	const char *m = err->message ? err->message : "XML error";
	rw->what = "xml";
	if (err->code == XML_ERR_INVALID_CHAR && strncmp(m, "Input is not proper UTF-8", 25) == 0) {
		const char *bytes = strstr(m, "Bytes: ");
		size_t n = bytes ? strcspn(bytes + 7, "\n") : 0;
		rw->what = "encoding";
		strbuf_printf(&rw->msg, "not valid UTF-8%s%.*s%s: save the file as UTF-8, or name its "
			"encoding in the XML declaration", bytes ? " (bytes " : "", (int)n,
			bytes ? bytes + 7 : "", bytes ? ")" : "");
	} else if (strncmp(m, "Excessive depth in document", 27) == 0) {
		rw->what = "limit";
		strbuf_printf(&rw->msg, "elements are nested more than %d deep: argraph refuses "
			"deeper documents (libxml2's limit; XML_PARSE_HUGE is never used)",
			ARGRAPH_XML_MAX_DEPTH);
	} else if (strstr(m, "huge text node") || strncmp(m, "CData section too big", 21) == 0) {
		rw->what = "limit";
		strbuf_printf(&rw->msg, "a text of more than %d bytes without markup: argraph refuses "
			"text nodes over 10 MB (libxml2's limit; XML_PARSE_HUGE is never used)",
			ARGRAPH_XML_MAX_TEXT);
	} else if (strncmp(m, "xmlParseEntityRef: no name", 26) == 0) {
		strbuf_puts(&rw->msg, "an '&' that starts no entity reference: write it as &amp;");
	} else if (err->code == XML_DTD_ID_REDEFINED && err->str1) {
		rw->what = "duplicate-id";
		strbuf_printf(&rw->msg, "duplicate xml:id \"%s\": an ID must be unique in the document",
			err->str1);
	} else {
		strbuf_puts(&rw->msg, m);
	}
}

void argraph_xml__error(void *user, xmlErrorPtr err)
{
	xml_error_sink *sink = user;
	if (!sink || !err)
		return;
	size_t limit = sink->limit ? sink->limit : 50;
	argraph_severity sev = err->level == XML_ERR_WARNING ? ARGRAPH_SEV_WARNING
							    : ARGRAPH_SEV_ERROR;
	if (sev == ARGRAPH_SEV_ERROR)
		sink->count++;
	if (sink->count > limit)
		return;
	/* err->file is NULL inside entity text and for memory parses, and a
	 * libxml2-internal name would confuse the user: always use ours. */
	argraph_pos pos = {sink->name, 0, 0, NULL};
	const xmlNode *node = err->node;
	/* an element's own line is exact; libxml2's guesses past 65535 */
	if (node && node->type == XML_ELEMENT_NODE && node->_private)
		pos.line = argraph_xml__line(node);
	else if (err->line > 0)
		pos.line = (unsigned)err->line;
	else if (node)
		pos.line = argraph_xml__line(node);
	if (err->int2 > 0 && err->domain != XML_FROM_RELAXNGV)
		pos.column = (unsigned)err->int2;
	rewritten rw = {NULL, {0}};
	S_rewrite(err, &rw);
	char code[64];
	if (sink->code)
		snprintf(code, sizeof code, "%s", sink->code);
	else
		snprintf(code, sizeof code, "%s.%s", sink->prefix ? sink->prefix : "xml", rw.what);
	if (rw.msg.failed || argraph_diags_add(sink->diags, sev, code, &pos, "%s",
			strbuf_cstr(&rw.msg)) != ARGRAPH_OK)
		sink->nomem = 1;
	strbuf_release(&rw.msg);
	if (sink->count == limit
	    && argraph_diags_add(sink->diags, ARGRAPH_SEV_NOTE, code, &pos,
			"further errors in this file are not shown") != ARGRAPH_OK)
		sink->nomem = 1;
}

/* What one parse keeps in ctxt->_private (never in userData, which the
 * tree builder owns: TECHNOTES §1.3). */
typedef struct parse_state {
	xml_error_sink sink;
	unsigned entity_line;  /* line of the first entity declaration */
	int entity_seen;
	char entity_name[64];  /* its name and SYSTEM id (cut short), for the message */
	char entity_system[128];
	const void *text_node; /* the text node being filled, and its size */
	size_t text_len;
	int text_over;
	int halted;            /* we stopped the parser: ignore what follows */
	teitree_builder *tb;   /* building a teitree (no libxml2 tree), or NULL */
	strmap ids;            /* teitree mode: the IDs seen (values in the tree) */
} parse_state;

static void parser_serror(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt ? ctxt->_private : NULL;
	if (ps && !ps->halted)
		argraph_xml__error(&ps->sink, err);
}

/*
 * Stop the parse from inside a SAX callback. Not xmlStopParser(): in 2.9
 * its xmlHaltParser() frees the input buffer, while the caller of our
 * callback (xmlParseCharData, say) still holds a pointer into it. We only
 * mark the context at EOF with SAX disabled, as libxml2 2.11 and later do
 * themselves: the parser's loops check it, and it reports nothing more.
 */
static void S_halt(xmlParserCtxtPtr ctxt)
{
	parse_state *ps = ctxt->_private;
	ps->halted = 1;
	ctxt->disableSAX = 1;
	ctxt->instate = XML_PARSER_EOF;
}

/* ---- process-wide settings: done once ---- */

static xmlExternalEntityLoader default_loader;

/* Lets the top-level document through (libxml2 uses the loader for it,
 * and for RELAX NG files), refuses every external entity and DTD. */
static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (ctxt == NULL || ctxt->inputNr == 0)
		return default_loader(url, id, ctxt);
	return NULL;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
	xmlInitParser();
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(deny_loader);
}

/* ---- SAX hooks ---- */

/* Exact element lines (TECHNOTES §1.4): the line where the start tag ends. */
static void start_element_with_line(void *ctx, const xmlChar *localname,
	const xmlChar *prefix, const xmlChar *URI, int nb_namespaces,
	const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlSAX2StartElementNs(ctx, localname, prefix, URI, nb_namespaces, namespaces,
		nb_attributes, nb_defaulted, attributes);
	if (ctxt->node && ctxt->input && ctxt->input->line > 0)
		ctxt->node->_private = (void *)(intptr_t)ctxt->input->line;
}

/*
 * An entity declaration ends the parse on the spot: nothing declared is
 * ever stored, so nothing can be expanded or fetched, now or later
 * (xmlNodeGetContent expands references lazily, TECHNOTES §0.1). This also
 * refuses billion laughs at its first line, in constant memory.
 */
static void S_refuse_entity(xmlParserCtxtPtr ctxt, const xmlChar *name, const xmlChar *system_id)
{
	parse_state *ps = ctxt->_private;
	if (!ps->entity_seen) {
		ps->entity_seen = 1;
		ps->entity_line = ctxt->input && ctxt->input->line > 0 ? (unsigned)ctxt->input->line : 1;
		snprintf(ps->entity_name, sizeof ps->entity_name, "%s", name ? (const char *)name : "");
		snprintf(ps->entity_system, sizeof ps->entity_system, "%s",
			system_id ? (const char *)system_id : "");
	}
	S_halt(ctxt);
}

static void entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
	const xmlChar *system_id, xmlChar *content)
{
	S_refuse_entity(ctx, name, system_id);
}

static void unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
	const xmlChar *system_id, const xmlChar *notation)
{
	S_refuse_entity(ctx, name, system_id);
}

/*
 * Text nodes over ARGRAPH_XML_MAX_TEXT bytes are refused. libxml2 only
 * checks this when it appends to a text node, which happens when it reads
 * a file in chunks, not when the whole text is in memory as here.
 * S_text_over_limit says so once, for the element `elem` at `line` that
 * holds the text, and stops the parse.
 */
static void S_text_over_limit(xmlParserCtxtPtr ctxt, const char *elem, unsigned line)
{
	parse_state *ps = ctxt->_private;
	if (ps->text_over)
		return;
	ps->text_over = 1;
	argraph_pos pos = {ps->sink.name, line, 0, NULL};
	char code[64];
	snprintf(code, sizeof code, "%s.limit", ps->sink.prefix);
	if (ps->sink.code)
		snprintf(code, sizeof code, "%s", ps->sink.code);
	ps->sink.count++;
	if (argraph_diags_add(ps->sink.diags, ARGRAPH_SEV_ERROR, code, &pos,
			"<%s> holds a text of more than %d bytes without markup: argraph refuses "
			"text nodes over 10 MB (libxml2's limit; XML_PARSE_HUGE is never used)",
			elem, ARGRAPH_XML_MAX_TEXT) != ARGRAPH_OK)
		ps->sink.nomem = 1;
	S_halt(ctxt);
}

/* Count the pieces of libxml2's own text nodes: `node` is the text node
 * written to (its identity only). */
static void S_count_text(xmlParserCtxtPtr ctxt, const void *node, const char *elem,
	unsigned line, int len)
{
	parse_state *ps = ctxt->_private;
	if (!node)
		return;
	if (node != ps->text_node) {
		ps->text_node = node;
		ps->text_len = 0;
	}
	ps->text_len += len > 0 ? (size_t)len : 0;
	if (ps->text_len > ARGRAPH_XML_MAX_TEXT)
		S_text_over_limit(ctxt, elem, line);
}

static void S_count_tree_text(xmlParserCtxtPtr ctxt, int len)
{
	const xmlNode *last = ctxt->node ? ctxt->node->last : NULL;
	if (!last || (last->type != XML_TEXT_NODE && last->type != XML_CDATA_SECTION_NODE))
		return;
	S_count_text(ctxt, last, (const char *)ctxt->node->name, argraph_xml__line(ctxt->node), len);
}

static void characters(void *ctx, const xmlChar *ch, int len)
{
	xmlSAX2Characters(ctx, ch, len);
	S_count_tree_text(ctx, len);
}

static void cdata_block(void *ctx, const xmlChar *ch, int len)
{
	xmlSAX2CDataBlock(ctx, ch, len);
	S_count_tree_text(ctx, len);
}

/* ---- SAX hooks that build a teitree instead (argraph_xml__parse_tree) ---- */

/* An error raised the way libxml2's tree builder raises it (the parser's
 * current line and column), for the checks that builder made and ours now
 * makes: xml:id values, duplicate IDs, text merged past the limit. */
static void S_raise(xmlParserCtxtPtr ctxt, int domain, int code, const char *str1,
	const char *message)
{
	xmlError err;
	memset(&err, 0, sizeof err);
	err.domain = domain;
	err.code = code;
	err.level = XML_ERR_ERROR;
	err.message = (char *)message;
	err.str1 = (char *)str1;
	err.ctxt = ctxt;
	if (ctxt->input) {
		err.file = (char *)ctxt->input->filename;
		err.line = ctxt->input->line;
		err.int2 = ctxt->input->col;
	}
	ctxt->errNo = code;
	parser_serror(ctxt, &err);
}

static void S_nomem(xmlParserCtxtPtr ctxt)
{
	parse_state *ps = ctxt->_private;
	ps->sink.nomem = 1;
	S_halt(ctxt);
}

/* Is attribute `aname` of element `ename` declared of type ID in the DTD
 * (xmlIsID, for attributes other than xml:id)? Names are qualified. */
static int dtd_declares_id(xmlParserCtxtPtr ctxt, const xmlChar *ename, const xmlChar *epfx,
	const xmlChar *aname, const xmlChar *apfx)
{
	xmlDocPtr doc = ctxt->myDoc;
	if (!doc || (!doc->intSubset && !doc->extSubset))
		return 0;
	xmlChar fe[50], fa[50];
	xmlChar *felem = epfx ? xmlBuildQName(ename, epfx, fe, 50) : (xmlChar *)ename;
	xmlChar *fattr = apfx ? xmlBuildQName(aname, apfx, fa, 50) : (xmlChar *)aname;
	xmlAttributePtr decl = NULL;
	if (felem && fattr) {
		if (doc->intSubset)
			decl = xmlGetDtdAttrDesc(doc->intSubset, felem, fattr);
		if (!decl && doc->extSubset)
			decl = xmlGetDtdAttrDesc(doc->extSubset, felem, fattr);
	}
	if (fattr != fa && fattr != aname)
		xmlFree(fattr);
	if (felem != fe && felem != ename)
		xmlFree(felem);
	return decl && decl->atype == XML_ATTRIBUTE_ID;
}

/* s[0..n) is an NCName made of ASCII alone: [A-Za-z_][A-Za-z0-9._-]*,
 * exactly what xmlValidateNCName's own first loop accepts before it
 * returns 0 (valid). Anything else goes to xmlValidateNCName. */
static int ascii_ncname(const char *s, size_t n)
{
	/* 1: may start a name, 2: may follow */
	static const unsigned char cls[256] = {
		['-'] = 2, ['.'] = 2,
		['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2,
		['5'] = 2, ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
		['_'] = 3,
		['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3,
		['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3,
		['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3,
		['V'] = 3, ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3,
		['a'] = 3, ['b'] = 3, ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3,
		['h'] = 3, ['i'] = 3, ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3,
		['o'] = 3, ['p'] = 3, ['q'] = 3, ['r'] = 3, ['s'] = 3, ['t'] = 3, ['u'] = 3,
		['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3, ['z'] = 3,
	};
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0 || !(cls[u[0]] & 1))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!(cls[u[i]] & 2))
			return 0;
	return 1;
}

/* The ID checks of libxml2's tree builder (xmlSAX2AttributeNs, xmlAddID):
 * an xml:id must be an NCName, and an ID may appear once per document.
 * `value` is NUL-terminated, `len` its length. */
static void check_id(xmlParserCtxtPtr ctxt, const xmlChar *ename, const xmlChar *epfx,
	const xmlChar *aname, const xmlChar *apfx, const char *value, size_t len)
{
	parse_state *ps = ctxt->_private;
	if (apfx == ctxt->str_xml && aname[0] == 'i' && aname[1] == 'd' && aname[2] == 0) {
		if (!ascii_ncname(value, len) && xmlValidateNCName((const xmlChar *)value, 1) != 0) {
			strbuf m = {0};
			strbuf_printf(&m, "xml:id : attribute value %s is not an NCName\n", value);
			S_raise(ctxt, XML_FROM_DTD, XML_DTD_XMLID_VALUE, value, strbuf_cstr(&m));
			strbuf_release(&m);
		}
	} else if (!dtd_declares_id(ctxt, ename, epfx, aname, apfx)) {
		return;
	}
	/* One probe: inserting a key the set holds already leaves its size
	 * as it was. */
	size_t had = ps->ids.len;
	if (strmap_put_hashed(&ps->ids, value, strmap_hash_n(value, len), 1) != 0) {
		S_nomem(ctxt);
	} else if (ps->ids.len == had) {
		strbuf m = {0};
		strbuf_printf(&m, "ID %s already defined\n", value);
		S_raise(ctxt, XML_FROM_VALID, XML_DTD_ID_REDEFINED, value, strbuf_cstr(&m));
		strbuf_release(&m);
	}
}

static void tree_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
	const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
	int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;
	teitree_builder *tb = ps->tb;
	const xmlChar *name = localname;
	if (prefix && !URI) { /* an undeclared prefix stays in the name, as in libxml2's tree */
		const xmlChar *full = xmlDictQLookup(ctxt->dict, prefix, localname);
		if (full)
			name = full;
	}
	unsigned line = ctxt->input && ctxt->input->line > 0 ? (unsigned)ctxt->input->line : 0;
	int n = nb_attributes > 0 ? nb_attributes : 0;
	teitree_node *el = teitree__start(tb, (const char *)name, (const char *)URI, line, (unsigned)n);
	if (!el) {
		if (tb->failed)
			S_nomem(ctxt);
		return;
	}
	for (int i = 0, j = 0; i < n; i++, j += 5) {
		const xmlChar *aname = attributes[j], *apfx = attributes[j + 1];
		const xmlChar *auri = attributes[j + 2];
		const xmlChar *v = attributes[j + 3], *end = attributes[j + 4];
		if (apfx && !auri) {
			const xmlChar *full = xmlDictQLookup(ctxt->dict, apfx, aname);
			if (full)
				aname = full;
			apfx = NULL;
		}
		/* The last nb_defaulted come from the DTD: libxml2's tree leaves
		 * them out (no XML_PARSE_DTDATTR), so no ID checks either. The
		 * parser copied a value that had references (then ending in NUL)
		 * and left "&#38;" for each '&'. */
		int dflt = i >= nb_attributes - nb_defaulted;
		int copied = !dflt && *end == 0;
		const char *value = teitree__set_attr(tb, el, (unsigned)i, (const char *)aname,
			apfx ? (const char *)auri : NULL, (const char *)v, (size_t)(end - v), copied, dflt);
		if (!value) {
			S_nomem(ctxt);
			return;
		}
		/* A copied value that decodes to nothing gives an attribute
		 * without a text child in libxml2's tree: it is not an ID. The
		 * ID checks see the value as the parser gave it ("&#38;" for a
		 * written '&'), as libxml2's tree builder does. */
		if (!dflt && !(copied && !*value)) {
			const char *raw = value;
			size_t raw_len = el->attrs[i].value_len;
			if (copied && strchr((const char *)v, '&')) {
				raw_len = (size_t)(end - v);
				if (!(raw = arena_strndup(&tb->tree->mem, (const char *)v, raw_len))) {
					S_nomem(ctxt);
					return;
				}
			}
			check_id(ctxt, name, URI ? prefix : NULL, aname, apfx, raw, raw_len);
		}
		if (ps->halted)
			return;
	}
}

static void tree_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
	const xmlChar *URI)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;
	teitree__end(ps->tb);
}

static void tree_text(xmlParserCtxtPtr ctxt, teitree_type type, const xmlChar *ch, int len)
{
	parse_state *ps = ctxt->_private;
	const teitree_node *node = NULL;
	int rc = teitree__text(ps->tb, type, (const char *)ch, len > 0 ? (size_t)len : 0,
		ARGRAPH_XML_MAX_TEXT, &node);
	if (rc < 0 && ps->tb->cur) {
		S_nomem(ctxt);
		return;
	}
	if (rc > 0) {
		/* what xmlSAX2Text reports (xmlSAX2ErrMemory), and how it stops */
		S_raise(ctxt, XML_FROM_PARSER, XML_ERR_NO_MEMORY, "out of memory\n",
			"xmlSAX2Characters: huge text node");
		ctxt->instate = XML_PARSER_EOF;
		ctxt->disableSAX = 1;
	}
	if (!ps->tb->cur || !node)
		return;
	/* The node holds every piece of its text but a refused one, so its
	 * length (and the refused piece's) is the count: no count of our own
	 * (that cost 1% of the read stage). */
	if (node->text_len + (rc > 0 && len > 0 ? (size_t)len : 0) > ARGRAPH_XML_MAX_TEXT)
		S_text_over_limit(ctxt, ps->tb->cur->name, ps->tb->cur->line);
}

static void tree_characters(void *ctx, const xmlChar *ch, int len)
{
	tree_text(ctx, TEITREE_TEXT, ch, len);
}

static void tree_cdata(void *ctx, const xmlChar *ch, int len)
{
	tree_text(ctx, TEITREE_CDATA, ch, len);
}

static void tree_comment(void *ctx, const xmlChar *value)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *ps = ctxt->_private;
	teitree__other(ps->tb);
}

static void tree_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	tree_comment(ctx, NULL);
}

/* A reference to an undeclared entity (reported as an error already):
 * libxml2's tree would hold an entity-reference node; the document is
 * refused, so nothing is kept. */
static void tree_reference(void *ctx, const xmlChar *name)
{
}

unsigned argraph_xml__line(const xmlNode *node)
{
	if (!node)
		return 0;
	if (node->type == XML_ELEMENT_NODE && node->_private)
		return (unsigned)(intptr_t)node->_private;
	long l = xmlGetLineNo(node);
	return l > 0 && l <= UINT_MAX ? (unsigned)l : 0;
}

/* Defence in depth: the hooks above should have stopped any of these. */
static int declares_entities(xmlDocPtr doc)
{
	xmlDtdPtr dtd = xmlGetIntSubset(doc);
	if (!dtd)
		return 0;
	return (dtd->entities && xmlHashSize(dtd->entities) > 0)
	    || (dtd->pentities && xmlHashSize(dtd->pentities) > 0);
}

static argraph_status parse(xmlDocPtr *out, teitree **tree_out, const char *buf, size_t len,
	const char *name, const char *prefix, const char *xml_code, int extra_options,
	argraph_diags *diags)
{
	pthread_once(&init_once, init_libxml);
	if (out)
		*out = NULL;
	if (tree_out)
		*tree_out = NULL;
	if (!prefix)
		prefix = "xml";
	char code[64];
	argraph_pos pos = {name, 1, 0, NULL};
	if (len > INT_MAX) {
		snprintf(code, sizeof code, "%s.limit", prefix);
		if (xml_code)
			snprintf(code, sizeof code, "%s", xml_code);
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code, &pos,
			"file is too large for the XML parser (over 2 GiB)");
		return ARGRAPH_ETOOBIG;
	}
	parse_state ps;
	memset(&ps, 0, sizeof ps);
	ps.sink.diags = diags;
	ps.sink.name = name;
	ps.sink.prefix = prefix;
	ps.sink.code = xml_code;
	teitree_builder tb;
	if (tree_out) {
		if (teitree__begin(&tb) != 0)
			return ARGRAPH_ENOMEM;
		ps.tb = &tb;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		if (ps.tb)
			teitree__abandon(&tb);
		return ARGRAPH_ENOMEM;
	}
	/* The parser keeps this dictionary for the whole parse (resetting
	 * the context keeps it too), and interns every name in it. */
	if (ps.tb)
		teitree__hold_dict(&tb, ctxt->dict);
	ctxt->_private = &ps;
	ctxt->sax->serror = parser_serror;
	ctxt->sax->entityDecl = entity_decl;
	ctxt->sax->unparsedEntityDecl = unparsed_entity_decl;
	if (ps.tb) {
		/* The document and DTD callbacks stay libxml2's: the document node
		 * keeps the internal subset (ATTLIST declarations, entity checks)
		 * and nothing else. Elements and text build our tree; white space
		 * goes the same way as other text (one callback: libxml2 then never
		 * asks its tree whether white space is ignorable). */
		ctxt->sax->startElementNs = tree_start;
		ctxt->sax->endElementNs = tree_end;
		ctxt->sax->characters = tree_characters;
		ctxt->sax->ignorableWhitespace = tree_characters;
		ctxt->sax->cdataBlock = tree_cdata;
		ctxt->sax->comment = tree_comment;
		ctxt->sax->processingInstruction = tree_pi;
		ctxt->sax->reference = tree_reference;
	} else {
		ctxt->sax->startElementNs = start_element_with_line;
		ctxt->sax->characters = characters;
		ctxt->sax->cdataBlock = cdata_block;
	}
	/* I/O-domain errors carry no context and bypass sax->serror; the
	 * caller's thread handler is put back after. */
	xmlStructuredErrorFunc saved_fn = xmlStructuredError;
	void *saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&ps.sink, argraph_xml__error);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
		XML_PARSE_NONET | XML_PARSE_BIG_LINES | extra_options);
	int well_formed = ctxt->wellFormed;
	xmlSetStructuredErrorFunc(saved_ctx, saved_fn);
	xmlFreeParserCtxt(ctxt);

	argraph_status st = ARGRAPH_EPARSE;
	if (ps.entity_seen || (doc && declares_entities(doc))) {
		snprintf(code, sizeof code, "%s.entity", prefix);
		pos.line = ps.entity_line ? ps.entity_line : 1;
		if (!ps.entity_seen)
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code, &pos,
				"the document declares entities: entity declarations are refused");
		else if (ps.entity_system[0])
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code, &pos,
				"the document declares the external entity \"%s\" (SYSTEM \"%s\"): "
				"entity declarations are refused, and nothing was read or fetched",
				ps.entity_name, ps.entity_system);
		else
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code, &pos,
				"the document declares the entity \"%s\": entity declarations are "
				"refused, and nothing was expanded", ps.entity_name);
	} else if (ps.sink.nomem) {
		st = ARGRAPH_ENOMEM;
	} else if (!doc || !well_formed || ps.sink.count || ps.halted) {
		if (!ps.sink.count) {
			snprintf(code, sizeof code, "%s.xml", prefix);
			if (xml_code)
				snprintf(code, sizeof code, "%s", xml_code);
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code, &pos, "not well-formed XML");
		}
	} else {
		st = ARGRAPH_OK;
	}
	if (ps.tb) {
		xmlFreeDoc(doc); /* the document node and the DTD: no elements */
		strmap_release(&ps.ids);
		if (st != ARGRAPH_OK) {
			teitree__abandon(&tb);
			return st;
		}
		teitree *t = teitree__finish(&tb);
		if (!t || !t->root) {
			teitree_free(t);
			return ARGRAPH_ENOMEM; /* well-formed means one root element */
		}
		*tree_out = t;
		return ARGRAPH_OK;
	}
	if (st != ARGRAPH_OK) {
		xmlFreeDoc(doc);
		return st;
	}
	*out = doc;
	return ARGRAPH_OK;
}

argraph_status argraph_xml__parse(xmlDocPtr *out, const char *buf, size_t len,
	const char *name, const char *prefix, const char *xml_code, argraph_diags *diags)
{
	return parse(out, NULL, buf, len, name, prefix, xml_code, 0, diags);
}

argraph_status argraph_xml__parse_tree(teitree **out, const char *buf, size_t len,
	const char *name, const char *prefix, const char *xml_code, argraph_diags *diags)
{
	return parse(NULL, out, buf, len, name, prefix, xml_code, 0, diags);
}
