#!/usr/bin/env python3
"""Fidelity test: the TEI encoding of the seed paper versus its source text.

Usage:
    check_seed_fidelity.py TEI_FILE SEED_TEXT_FILE

Checks (Python 3 standard library only):

1. Text extraction.  The TEI side is the itertext() of the titles in
   teiHeader/fileDesc/titleStmt, both abstracts, the keywords (if any), and
   the whole <text>.  In that order, this is also the order of the seed.
   Titles with @resp (e.g. resp="#encoder") were supplied by the encoder: an
   English translation of the title, which the source does not contain.  They
   are on the allow-list and are not compared.  No other header metadata is
   extracted.  XML comments are ignored.
2. Normalisation on both sides.  All whitespace is removed, which also re-joins
   the PDF's broken lines and words, and drops the space before 年.  Runs of
   dashes ("— —" becomes "——") are unified, and a leading "——" is stripped
   from each segment (the subtitle's dash).  The seed's labels "[摘  要]" and
   "[Abstract]" are dropped: the <abstract> elements express them.
3. Every seed sentence must occur in the normalised TEI text.  Sentences end
   at 。！？； (with any closing quotes and a following footnote marker
   [n]) and at ". " in English.  A line that ends in whitespace is also a
   boundary: in this extraction such a line ends a paragraph or heading.
4. The reverse: every TEI sentence (split the same way, block by block) must
   occur in the normalised seed.  This catches invented text.
5. Order and duplication: the two normalised texts must be identical; the
   first point of divergence is printed.
6. Structural checks on the TEI (see check_structure).

Exit status: 0 if everything passes, 1 if any check fails, 2 on usage or
parse errors.
"""

import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = "{%s}" % TEI_NS
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Elements that do not break the running text (phrase level).  Every other
# element inside <text> starts a new block for sentence splitting.
INLINE = {
    "persName", "orgName", "placeName", "geogName", "name", "rs", "date",
    "time", "title", "ref", "ptr", "bibl", "author", "editor", "term", "hi",
    "emph", "foreign", "mentioned", "soCalled", "q", "quote", "num",
    "measure", "abbr", "expan", "choice", "orig", "reg", "sic", "corr",
    "forename", "surname", "roleName", "addName", "lb", "pb", "cb", "gap",
}

# Which entity-list element an @ref on each name element must point to.
REF_TARGET = {"persName": "person", "orgName": "org", "term": "category"}

# The English names of the scholars that listPerson must contain.
REQUIRED_PERSONS = ["Morgenthau", "Mearsheimer", "Waltz", "Carr"]

# Strings that must never appear outside an <orgName> in abstracts or text.
ORG_WORDS = re.compile(r"北大西洋公约组织|北约|华沙条约组织|华约|NATO")

ZH_SENT = re.compile(r".+?(?:[。！？；][”’」』）》]*(?:\[\d+\])*|$)", re.S)
EN_SENT = re.compile(r"(?<=[.!?])\s+")
DASHES = re.compile(r"[—―–]+")
WS = re.compile(r"\s+")
LABELS = re.compile(r"\[\s*摘\s*要\s*\]|\[\s*Abstract\s*\]")
CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
WS_NEXT_TO_CJK = re.compile(r"[%s]\s+|\s+[%s]" % (CJK, CJK))


class Result:
    def __init__(self):
        self.passed = 0
        self.problems = []

    def ok(self, cond, message):
        if cond:
            self.passed += 1
        else:
            self.problems.append(message)
        return cond


def norm(s):
    """Whitespace-free, dash-unified form used for all comparisons."""
    s = unicodedata.normalize("NFC", s)
    s = WS.sub("", s)
    s = DASHES.sub("——", s)
    return s


def strip_lead_dash(s):
    return s[2:] if s.startswith("——") else s


def sentences(raw):
    """Split one block of raw text into normalised sentences."""
    out = []
    for piece in EN_SENT.split(raw):
        piece = norm(piece)
        for m in ZH_SENT.finditer(piece):
            sent = m.group(0)
            if sent:
                out.append(sent)
    return out


# --------------------------------------------------------------------------
# Seed side

def seed_blocks(path):
    """Return the seed as a list of raw text blocks, in reading order."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")

    def find(pattern, start=0):
        for i in range(start, len(lines)):
            if re.search(pattern, lines[i]):
                return i
        raise ValueError("seed: no line matching %r" % pattern)

    zh_abs = find(r"\[\s*摘\s*要\s*\]")
    en_abs = find(r"\[\s*Abstract\s*\]", zh_abs)
    body = find(r"[\u4e00-\u9fff]", en_abs + 1)

    blocks = []
    # Title: each non-blank line is a block.
    for line in lines[:zh_abs]:
        if line.strip():
            blocks.append(line)

    # Chinese blocks: a line ending in whitespace ends a paragraph/heading.
    def chinese(chunk):
        cur = []
        for line in chunk:
            if not line.strip():
                continue
            cur.append(line)
            if line != line.rstrip():
                blocks.append("".join(cur))
                cur = []
        if cur:
            blocks.append("".join(cur))

    chinese(lines[zh_abs:en_abs])
    # English abstract: lines joined without separator re-join broken words;
    # the spaces between words are kept by the lines' own leading/trailing
    # blanks.
    blocks.append("".join(lines[en_abs:body]))
    chinese(lines[body:])
    return [LABELS.sub("", b) for b in blocks]


# --------------------------------------------------------------------------
# TEI side

def walk_blocks(el, blocks, cur):
    """Collect text of el into blocks; non-inline elements start new blocks."""
    tag = el.tag.replace(T, "") if isinstance(el.tag, str) else None
    if tag is None:            # comment / processing instruction
        return cur
    inline = tag in INLINE
    if not inline:
        if cur:
            blocks.append("".join(cur))
        cur = []
    if el.text:
        cur.append(el.text)
    for child in el:
        cur = walk_blocks(child, blocks, cur)
        if child.tail:
            cur.append(child.tail)
    if not inline:
        if cur:
            blocks.append("".join(cur))
        cur = []
    return cur


def tei_blocks(root, res):
    """Return (blocks, allowed) from the TEI; allowed = encoder-supplied."""
    blocks, allowed = [], []
    title_stmt = root.find(T + "teiHeader/" + T + "fileDesc/" + T + "titleStmt")
    if res.ok(title_stmt is not None, "structure: no teiHeader/fileDesc/titleStmt"):
        for title in title_stmt.findall(T + "title"):
            text = "".join(title.itertext())
            if title.get("resp"):
                allowed.append(text)
            else:
                blocks.append(text)
    profile = root.find(T + "teiHeader/" + T + "profileDesc")
    if profile is not None:
        for lang in ("zh", "en"):
            for ab in profile.findall(T + "abstract"):
                if ab.get(XML_LANG) == lang:
                    walk_blocks(ab, blocks, [])
        for kw in profile.iter(T + "keywords"):
            for term in kw.iter(T + "term"):
                blocks.append("".join(term.itertext()))
    text = root.find(T + "text")
    if res.ok(text is not None, "structure: no <text> element"):
        walk_blocks(text, blocks, [])
    return blocks, allowed


# --------------------------------------------------------------------------
# Comparison

def containment(needles, haystack, label, res):
    """Each needle must occur somewhere in haystack."""
    for sent in needles:
        res.ok(sent in haystack, "%s: %s" % (label, sent))


def first_difference(a, b):
    """Index of the first character where a and b differ (None if equal)."""
    if a == b:
        return None
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def compare(seed_path, root, res):
    s_raw = seed_blocks(seed_path)
    t_raw, allowed = tei_blocks(root, res)

    def split_all(raws):
        out = []
        for raw in raws:
            out += [s for s in (strip_lead_dash(x) for x in sentences(raw)) if s]
        return out

    seed_sents, tei_sents = split_all(s_raw), split_all(t_raw)
    seed_hay = "".join(strip_lead_dash(norm(b)) for b in s_raw)
    tei_hay = "".join(strip_lead_dash(norm(b)) for b in t_raw)
    containment(seed_sents, tei_hay, "missing from TEI", res)
    containment(tei_sents, seed_hay, "not in seed (invented?)", res)
    # Order and duplication: the normalised texts must be identical.
    i = first_difference(tei_hay, seed_hay)
    res.ok(i is None,
           "order/duplication: normalised texts first differ at char %s "
           "(TEI %d chars, seed %d chars)\n       TEI:  ...%s...\n       seed: ...%s..."
           % (i, len(tei_hay), len(seed_hay),
              tei_hay[max(0, (i or 0) - 15):(i or 0) + 25],
              seed_hay[max(0, (i or 0) - 15):(i or 0) + 25]))
    return len(seed_sents), len(tei_sents), allowed


# --------------------------------------------------------------------------
# Structure

def text_chunks(el, stack=()):
    """Yield (text, ancestor-tag tuple) for every text node under el."""
    stack = stack + (el.tag.replace(T, ""),) if isinstance(el.tag, str) else stack
    if el.text:
        yield el.text, stack
    for child in el:
        if isinstance(child.tag, str):
            yield from text_chunks(child, stack)
        if child.tail:
            yield child.tail, stack


def check_structure(root, res):
    ids = {}
    for el in root.iter():
        i = el.get(XML_ID)
        if i is not None:
            res.ok(i not in ids, "structure: duplicate xml:id %r" % i)
            ids[i] = el.tag.replace(T, "")

    profile = root.find(T + "teiHeader/" + T + "profileDesc")
    abstracts = {} if profile is None else {
        a.get(XML_LANG): a for a in profile.findall(T + "abstract")}
    for lang in ("zh", "en"):
        res.ok(lang in abstracts, 'structure: no abstract[@xml:lang="%s"]' % lang)

    body = root.find(T + "text/" + T + "body")
    if not res.ok(body is not None, "structure: no text/body"):
        return
    for div in body.iter(T + "div"):
        did = div.get(XML_ID)
        head = div.find(T + "head")
        res.ok(did is not None, "structure: div without xml:id (head %r)"
               % ("" if head is None else "".join(head.itertext())))
        if div.get("type") != "introduction":
            res.ok(div.find(T + "head") is not None,
                   "structure: div %s has no head" % did)
    for n, p in enumerate(body.iter(T + "p"), 1):
        res.ok(p.get(XML_ID) is not None,
               "structure: body p #%d without xml:id: %.30s" % (n, "".join(p.itertext())))

    # Pointers.  Names in the abstracts and the text must carry @ref; the
    # entries of listPerson/listOrg (persName/orgName with xml:lang) need not.
    scopes = list(abstracts.values()) + [root.find(T + "text")]
    in_scope = {id(e) for sc in scopes for e in sc.iter()}
    for tag, target in REF_TARGET.items():
        for el in root.iter(T + tag):
            ref = el.get("ref")
            if ref is None:
                res.ok(id(el) not in in_scope,
                       "structure: <%s> without @ref: %s" % (tag, "".join(el.itertext())))
                continue
            key = ref[1:] if ref.startswith("#") else None
            res.ok(key in ids and ids[key] == target,
                   "structure: <%s ref=%r> does not point to a <%s>" % (tag, ref, target))

    # Footnote markers.
    bibr = [r for r in root.iter(T + "ref") if r.get("type") == "bibr"]
    res.ok([("".join(r.itertext()), r.get("n")) for r in bibr]
           == [("[1]", "1"), ("[2]", "2"), ("[3]", "3")],
           "structure: expected ref[@type=bibr] [1],[2],[3] in order, got %r"
           % ["".join(r.itertext()) for r in bibr])
    res.ok(all(r.get("target") is None for r in bibr),
           "structure: footnote refs must not have @target (the source has no reference list)")
    res.ok(root.find(".//" + T + "listBibl") is None,
           "structure: listBibl present, but the source has no reference list")

    # The author-year citation.
    bibls = [b for b in root.find(T + "text").iter(T + "bibl")
             if b.find(T + "author") is not None
             and any(d.get("when") == "1948" for d in b.iter(T + "date"))]
    res.ok(len(bibls) == 1,
           "structure: expected one bibl with author and date[@when=1948], found %d" % len(bibls))

    # listPerson: required scholars with zh and en names.
    persons = list(root.iter(T + "person"))
    for surname in REQUIRED_PERSONS:
        hit = [p for p in persons
               if any(surname in "".join(n.itertext()) for n in p.findall(T + "persName")
                      if n.get(XML_LANG) == "en")]
        res.ok(len(hit) == 1 and any(n.get(XML_LANG) == "zh"
                                     for n in hit[0].findall(T + "persName")),
               "structure: listPerson lacks %s with both zh and en persName" % surname)

    # Taxonomy: four categories with zh+en catDesc, each tagged in both abstracts.
    tax = [t for t in root.iter(T + "taxonomy") if t.get(XML_ID) == "factors"]
    if res.ok(len(tax) == 1, 'structure: no taxonomy xml:id="factors"'):
        cats = [c.get(XML_ID) for c in tax[0].iter(T + "category")]
        res.ok(len(cats) == 4, "structure: taxonomy factors has %d categories, want 4" % len(cats))
        for c in tax[0].iter(T + "category"):
            langs = sorted(d.get(XML_LANG) for d in c.findall(T + "catDesc"))
            res.ok(langs == ["en", "zh"], "structure: category %s lacks zh/en catDesc"
                   % c.get(XML_ID))
        for lang, ab in abstracts.items():
            refs = {t.get("ref") for t in ab.iter(T + "term")}
            res.ok(refs == {"#" + c for c in cats},
                   "structure: abstract %s tags %r, want all of %r" % (lang, refs, cats))

    # Forbidden markup (the tool must find sentences and relations itself).
    res.ok(root.find(".//" + T + "s") is None, "structure: <s> markup present")
    res.ok(root.find(".//" + T + "linkGrp") is None, "structure: <linkGrp> present")
    res.ok(not [e for e in root.iter() if e.get("ana") is not None],
           "structure: @ana present")

    # Inline markup completeness in abstracts and text.
    stray_org, stray_year, bad_date, stray_ws = [], [], [], []
    for scope in scopes:
        for chunk, stack in text_chunks(scope):
            if "orgName" not in stack:
                stray_org += ORG_WORDS.findall(chunk)
            if "date" not in stack and "title" not in stack:
                stray_year += re.findall(r"\d{4}\s*年", chunk)
        for d in scope.iter(T + "date"):
            when = d.get("when")
            txt = "".join(d.itertext())
            if when is not None and not txt.startswith(when[:4]):
                bad_date.append("%s/%s" % (when, txt))
        for el in scope.iter():
            if not isinstance(el.tag, str) or el.tag.replace(T, "") not in ("p", "head"):
                continue
            if el.get(XML_LANG) == "en" or scope.get(XML_LANG) == "en":
                continue
            txt = "".join(el.itertext())
            m = WS_NEXT_TO_CJK.search(txt)
            if m:
                stray_ws.append(txt[max(0, m.start() - 8):m.end() + 8])
    res.ok(not stray_org, "structure: organisation names outside <orgName>: %r" % stray_org)
    res.ok(not stray_year, "structure: years outside <date>: %r" % stray_year)
    res.ok(not bad_date, "structure: date/@when disagrees with text: %r" % bad_date)
    res.ok(not stray_ws, "structure: whitespace inside Chinese text: %r" % stray_ws)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    tei_path, seed_path = argv[1], argv[2]
    try:
        root = ET.parse(tei_path).getroot()
    except (ET.ParseError, OSError) as e:
        print("fidelity: cannot read %s: %s" % (tei_path, e), file=sys.stderr)
        return 2
    if root.tag != T + "TEI":
        print("fidelity: root is %s, not TEI" % root.tag, file=sys.stderr)
        return 2
    res = Result()
    try:
        n_seed, n_tei, allowed = compare(seed_path, root, res)
    except (OSError, ValueError) as e:
        print("fidelity: cannot read %s: %s" % (seed_path, e), file=sys.stderr)
        return 2
    check_structure(root, res)

    print("fidelity: %d seed sentences, %d TEI sentences compared" % (n_seed, n_tei))
    for a in allowed:
        print("fidelity: allowed (encoder-supplied title): %s" % a)
    for p in res.problems:
        print("FAIL " + p)
    print("fidelity: %d passed, %d failed" % (res.passed, len(res.problems)))
    return 1 if res.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
