#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""baseline.py — the per-document extraction as a scholar would write it
without argraph: Python 3, lxml and the standard `re` module, one document
after the other.

For each TEI file: parse it with lxml; take the paragraph-like blocks (p,
ab, head, item, l, note) and their xml:lang; normalise white space the way
argraph does (runs of space to one, none between two CJK characters); split
sentences on 。！？； and on . ! ? before white space (not after an
abbreviation or an initial, not before a lower-case word); run the cue rules
of rules/*.rules on every sentence — the same rules argraph uses, translated
from PCRE2 to `re` (defines inlined textually, since `re` has no (?&name);
\\p{...} classes spelled out as ranges; variable-width look-behinds split
into one look-behind per alternative; (?i) inside a group made a scoped
group) — with each rule's cue as a pre-filter, as argraph does; collect
persons (persName @ref), works (listBibl entries), citations (ref @target →
entry) and one claim per sentence; and write the document as one JSON line.

Rules that cannot be translated are listed on stderr and skipped.

usage: baseline.py --rules DIR [-o OUT.jsonl] FILE.xml...
Figures only: this is the bench's yardstick, not part of argraph.
"""
import argparse
import json
import os
import re
import sys

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BLOCKS = {TEI + t for t in ("p", "ab", "head", "item", "l", "note")}


class Untranslatable(Exception):
    pass


# ---------------------------------------------------------------- rules

# \p{...} as ranges (approximations: Latin, Greek, Cyrillic, CJK — enough for
# the bundled rules, which use them for names and dates).
PROPS = {
    "L": "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
         "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff",
    "Lu": "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f",
    "Ll": "a-z\u00df-\u00f6\u00f8-\u00ff\u03b1-\u03c9\u0430-\u044f",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}
# PCRE2's \h and \v (horizontal and vertical white space): re has no \h, and
# its \v is the one character U+000B.
PCRE_SPACE = {
    "h": "\t \u00a0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000",
    "v": "\n\u000b\u000c\r\u0085\u2028\u2029",
}


def find_close(s, i):
    """Index of the ')' closing the '(' at s[i]; escapes and classes respected."""
    depth, j, n = 0, i, len(s)
    while j < n:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j += 1
            if j < n and s[j] == "^":
                j += 1
            if j < n and s[j] == "]":
                j += 1
            while j < n and s[j] != "]":
                j += 2 if s[j] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise Untranslatable("unbalanced parentheses")


def split_top(s):
    """Split on '|' at nesting depth 0."""
    parts, depth, j, start, n = [], 0, 0, 0, len(s)
    while j < n:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j += 1
            if j < n and s[j] == "^":
                j += 1
            if j < n and s[j] == "]":
                j += 1
            while j < n and s[j] != "]":
                j += 2 if s[j] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(s[start:j])
            start = j + 1
        j += 1
    parts.append(s[start:])
    return parts


def inline_defines(pat, defines):
    for _ in range(50):
        m = re.search(r"\(\?&(\w+)\)", pat)
        if not m:
            return pat
        name = m.group(1)
        if name not in defines:
            raise Untranslatable("calls (?&%s), which is not defined" % name)
        pat = pat[: m.start()] + "(?:" + defines[name] + ")" + pat[m.end():]
    raise Untranslatable("defines nest too deep (recursion?)")


def props(pat):
    out, j, n, in_class = [], 0, len(pat), False
    while j < n:
        c = pat[j]
        if c == "\\" and j + 1 < n:
            if pat[j + 1] in "pP" and j + 2 < n and pat[j + 2] == "{":
                k = pat.index("}", j)
                name = pat[j + 3:k]
                if name not in PROPS:
                    raise Untranslatable("\\p{%s} has no translation" % name)
                neg = pat[j + 1] == "P"
                if in_class:
                    if neg:
                        raise Untranslatable("\\P{...} inside a class")
                    out.append(PROPS[name])
                else:
                    out.append("[%s%s]" % ("^" if neg else "", PROPS[name]))
                j = k + 1
                continue
            if pat[j + 1] in "hHvV":
                members, neg = PCRE_SPACE[pat[j + 1].lower()], pat[j + 1] in "HV"
                if in_class:
                    if neg:
                        raise Untranslatable("\\%s inside a class" % pat[j + 1])
                    out.append(members)
                else:
                    out.append("[%s%s]" % ("^" if neg else "", members))
                j += 2
                continue
            if pat[j + 1] == "x" and j + 2 < n and pat[j + 2] == "{":
                k = pat.index("}", j)
                out.append("\\U%08x" % int(pat[j + 3:k], 16))
                j = k + 1
                continue
            out.append(pat[j:j + 2])
            j += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            j += 1
            if j < n and pat[j] == "^":
                out.append("^")
                j += 1
            if j < n and pat[j] == "]":
                out.append("]")
                j += 1
            continue
        if c == "]" and in_class:
            in_class = False
        out.append(c)
        j += 1
    return "".join(out)


def lookbehinds(pat):
    """(?<!a|bb) → (?<!a)(?<!bb); (?<=a|bb) → (?:(?<=a)|(?<=bb)); (?i) at the
    start of a look-behind goes into each alternative."""
    out, j = [], 0
    while True:
        m = re.compile(r"\(\?<[!=]").search(pat, j)
        if not m:
            out.append(pat[j:])
            return "".join(out)
        # skip an escaped "\(?<!"
        k = m.start()
        bs = 0
        while k - 1 - bs >= 0 and pat[k - 1 - bs] == "\\":
            bs += 1
        if bs % 2:
            out.append(pat[j:m.end()])
            j = m.end()
            continue
        close = find_close(pat, m.start())
        body = lookbehinds(pat[m.end():close])
        flag = ""
        if body.startswith("(?i)"):
            flag, body = "i", body[4:]
        alts = split_top(body)
        neg = pat[m.start() + 3] == "!"
        wrap = (lambda a: "(?i:%s)" % a) if flag else (lambda a: a)
        if neg:
            new = "".join("(?<!%s)" % wrap(a) for a in alts)
        elif len(alts) == 1:
            new = "(?<=%s)" % wrap(alts[0])
        else:
            new = "(?:%s)" % "|".join("(?<=%s)" % wrap(a) for a in alts)
        out.append(pat[j:m.start()])
        out.append(new)
        j = close + 1


def scoped_flags(pat):
    """(?i) after the start: the rest of its group as (?i:…)."""
    while True:
        k = pat.find("(?i)", 1)
        if k < 0:
            return pat
        # the enclosing group's end: scan forward to the ')' that closes it
        depth, j, n = 0, k + 4, len(pat)
        while j < n:
            c = pat[j]
            if c == "\\":
                j += 2
                continue
            if c == "[":
                j = find_class_end(pat, j)
            elif c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        pat = pat[:k] + "(?i:" + pat[k + 4:j] + ")" + pat[j:]


def find_class_end(s, j):
    j += 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1
    while j < len(s) and s[j] != "]":
        j += 2 if s[j] == "\\" else 1
    return j


COUNTED = re.compile(r"\{\d+(?:,\d*)?\}")


def possessive(pat):
    """X*+ → (?>X*), likewise ++, ?+ and {n,m}+. The same thing by
    definition; Python 3.11's own possessive quantifiers lose matches when
    the repeated group holds a look-ahead (re.search(r'(?:(?!b)a)*+b',
    'aab') finds nothing), its atomic groups do not."""
    opens, stack, close_at = {}, [], set()
    j, n, atom = 0, len(pat), None
    while j < n:
        c = pat[j]
        if c == "\\":
            atom, j = j, j + 2
        elif c == "[":
            atom, j = j, find_class_end(pat, j) + 1
        elif c == "(":
            stack.append(j)
            atom, j = None, j + 1
            if pat.startswith("?P<", j):
                j = pat.index(">", j) + 1
            elif pat.startswith(("?<=", "?<!"), j):
                j += 3
            elif pat.startswith("?", j):
                j += 1
                while j < n and pat[j] not in ":=!>)":
                    j += 1
                j += 1 if j < n and pat[j] != ")" else 0
        elif c == ")":
            atom, j = stack.pop(), j + 1
        elif c in "*+?" or (c == "{" and COUNTED.match(pat, j)):
            j = COUNTED.match(pat, j).end() if c == "{" else j + 1
            if j < n and pat[j] == "+" and atom is not None:
                opens[atom] = opens.get(atom, 0) + 1
                close_at.add(j)
                j += 1
            elif j < n and pat[j] == "?":
                j += 1
            atom = None
        else:
            atom, j = j, j + 1
    out = []
    for k, ch in enumerate(pat):
        out.append("(?>" * opens.get(k, 0))
        out.append(")" if k in close_at else ch)
    return "".join(out)


def translate(pat, defines):
    p = inline_defines(pat, defines)
    p = re.sub(r"\(\?<(_\w+)>", "(?:", p)                 # helper groups: not roles
    p = re.sub(r"\(\?<([A-Za-z]\w*)>", r"(?P<\1>", p)     # role groups
    p = props(p)
    p = lookbehinds(p)
    p = scoped_flags(p)
    p = possessive(p)
    return p


class Rule:
    __slots__ = ("id", "kind", "lang", "pattern", "cue", "priority", "caseless", "order")


def load_rules(paths):
    """Rules of every file, by language; untranslatable ones reported."""
    rules, problems = [], []
    for path in paths:
        lang, defines, cur = None, {}, None
        order = 0

        def finish(r):
            if r is None:
                return
            try:
                flags = re.I if r.caseless else 0
                r.pattern = re.compile(translate(r.pattern, defines), flags)
                r.cue = re.compile(translate(r.cue, defines), flags) if r.cue else None
                rules.append(r)
            except (Untranslatable, re.error, ValueError) as e:
                problems.append("%s: rule %s: %s" % (os.path.basename(path), r.id, e))

        with open(path, encoding="utf-8-sig") as f:
            for line in f:
                line = line.rstrip("\r\n")
                s = line.strip()
                if not s or s.startswith("#"):
                    continue
                if not line[0].isspace():
                    word, _, rest = s.partition(" ")
                    rest = rest.strip()
                    if word == "language":
                        lang = rest.split("#")[0].strip().lower()
                    elif word == "define":
                        name, _, body = rest.partition(" ")
                        defines[name] = body.strip()
                    elif word == "rule":
                        finish(cur)
                        bits = rest.split("#")[0].split()
                        cur = Rule()
                        cur.id, cur.kind, cur.lang = bits[0], bits[1], lang
                        cur.pattern, cur.cue, cur.priority, cur.caseless = None, None, 0, False
                        cur.order = order
                        order += 1
                    continue
                if cur is None:
                    continue
                key, _, val = s.partition(" ")
                val = val.strip()
                if key == "pattern":
                    cur.pattern = val
                elif key == "cue":
                    cur.cue = val
                elif key == "priority":
                    cur.priority = int(val.split("#")[0])
                elif key == "flags":
                    cur.caseless = "caseless" in val.split("#")[0]
        finish(cur)
    rules.sort(key=lambda r: (-r.priority, r.order))
    return rules, problems


def rules_for(rules, lang, cache={}):
    primary = re.split(r"[-_]", lang)[0].lower() if lang else None
    if primary not in cache:
        cache[primary] = [r for r in rules if primary is None or r.lang == primary]
    return cache[primary]


# ---------------------------------------------------------------- text

CJK = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])\s+(?=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])")
SPACES = re.compile(r"\s+")
ABBREV = {"al", "e.g", "i.e", "etc", "cf", "vs", "viz", "mr", "mrs", "ms", "dr", "prof", "sr", "jr",
          "st", "fig", "figs", "eq", "eqs", "no", "nos", "vol", "vols", "pp", "p", "ed", "eds", "ch",
          "sec", "sect", "approx", "inc", "ltd", "co", "u.s", "u.k", "u.n", "e.u", "ph.d", "ibid"}
SENT_END = re.compile(r"[。！？；]|[.!?]+[\"')\]”’）」』》】〉]*(?=\s|$)")
WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def normalise(t):
    return CJK.sub("", SPACES.sub(" ", t)).strip()


def sentences(text):
    out, start = [], 0
    for m in SENT_END.finditer(text):
        end = m.end()
        if m.group(0)[0] in ".!?":
            rest = text[end:].lstrip(" ")
            if rest[:1].islower():
                continue
            if m.group(0)[0] == ".":
                w = WORD_BEFORE.search(text, 0, m.start())
                if w and (w.group(1).lower() in ABBREV or (len(w.group(1)) == 1 and w.group(1).isupper())):
                    continue
        s = text[start:end].strip()
        if s:
            out.append(s)
        start = end
    s = text[start:].strip()
    if s:
        out.append(s)
    return out


def lang_of(el):
    while el is not None:
        v = el.get(XML_LANG)
        if v is not None:
            return v
        el = el.getparent()
    return None


# ---------------------------------------------------------------- extraction

def extract(path, rules):
    tree = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    root = tree.getroot()
    key = os.path.basename(path)
    for suffix in (".tei.xml", ".xml"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            break
    nodes, edges = [{"id": key, "kind": "document", "file": path}], []
    bibl = {}
    for lb in root.iter(TEI + "listBibl"):
        for e in lb:
            i = e.get(XML_ID)
            if i:
                bibl[i] = key + "#" + i
                nodes.append({"id": key + "#" + i, "kind": "work",
                              "label": normalise(" ".join(e.itertext()))[:200]})
    persons = {}
    for p in root.iter(TEI + "person"):
        i = p.get(XML_ID)
        if i:
            persons[i] = key + "#" + i
            nodes.append({"id": key + "#" + i, "kind": "person"})
    n_sent = 0
    for block in root.iter(*BLOCKS):
        anc = block.getparent()
        nested = False
        while anc is not None:
            if anc.tag in BLOCKS:
                nested = True
                break
            anc = anc.getparent()
        if nested:
            continue
        text = normalise("".join(block.itertext()))
        if not text:
            continue
        lang = lang_of(block)
        active = rules_for(rules, lang)
        for s in sentences(text):
            n_sent += 1
            cid = "%s#s%d" % (key, n_sent)
            nodes.append({"id": cid, "kind": "claim", "text": s, "lang": lang,
                          "line": block.sourceline})
            for r in active:
                if r.cue is not None and not r.cue.search(s):
                    continue
                for m in r.pattern.finditer(s):
                    roles = {k: v for k, v in m.groupdict().items() if v is not None}
                    edges.append({"kind": r.kind, "rule": r.id, "claim": cid, "roles": roles})
        for ref in block.iter(TEI + "ref", TEI + "persName"):
            target = (ref.get("target") or ref.get("ref") or "").split(" ")[0].lstrip("#")
            if ref.tag == TEI + "ref" and target in bibl:
                edges.append({"kind": "resolves_to", "source": "%s#s%d" % (key, n_sent), "target": bibl[target]})
            elif ref.tag == TEI + "persName" and target in persons:
                edges.append({"kind": "mentions", "source": "%s#s%d" % (key, n_sent), "target": persons[target]})
    return {"version": "baseline/1", "nodes": nodes, "edges": edges}


def check_examples(paths, rules):
    """Run each translated rule on its file's examples (must match) and
    counterexamples (must not): the translation's fidelity, in one number."""
    by_id = {r.id: r for r in rules}
    tried, wrong, cur = 0, [], None
    for path in paths:
        with open(path, encoding="utf-8-sig") as f:
            for line in f:
                s = line.strip()
                if line.startswith("rule "):
                    cur = by_id.get(s.split()[1])
                elif cur and (s.startswith("example ") or s.startswith("counterexample ")):
                    key, _, text = s.partition(" ")
                    tried += 1
                    if bool(cur.pattern.search(text.strip())) != (key == "example"):
                        wrong.append("%s: %s %s" % (cur.id, key, text.strip()[:60]))
    return tried, wrong


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", required=True, help="directory of *.rules files")
    ap.add_argument("-o", "--output", help="append JSON Lines here (default: stdout)")
    ap.add_argument("--list-problems", action="store_true", help="print the untranslatable rules and stop")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    paths = sorted(os.path.join(a.rules, f) for f in os.listdir(a.rules) if f.endswith(".rules"))
    rules, problems = load_rules(paths)
    if a.list_problems:
        print("%d rules translated, %d not" % (len(rules), len(problems)))
        for p in problems:
            print("  " + p)
        tried, wrong = check_examples(paths, rules)
        print("their examples and counterexamples under re: %d of %d behave as under PCRE2"
              % (tried - len(wrong), tried))
        for w in wrong:
            print("  " + w)
        return 0
    out = open(a.output, "a", encoding="utf-8") if a.output else sys.stdout
    rc = 0
    for f in a.files:
        try:
            g = extract(f, rules)
        except (etree.XMLSyntaxError, OSError) as e:
            print("%s: error: %s" % (f, e), file=sys.stderr)
            rc = 3
            continue
        out.write(json.dumps(g, ensure_ascii=False, separators=(",", ":")) + "\n")
    out.flush()
    return rc


if __name__ == "__main__":
    sys.exit(main())
