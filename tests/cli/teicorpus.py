#!/usr/bin/env python3
"""teicorpus.py — the teiCorpus differential test's helper (tests/cli/teicorpus.sh).

  teicorpus.py make WORK FILE...
      Wrap the TEI files into WORK/col.xml, a <teiCorpus> with its own
      teiHeader, in the order given; the second file sits in a nested
      teiCorpus and gets xml:id="member-two" on its <TEI>, the others have
      none (their keys are positions). Each file as it went in is also
      written alone, WORK/alone/col_SUFFIX.tei.xml (SUFFIX: the member's
      name), named so that the stand-alone files' keys sort as the
      members' do: the merge orders some things by key. An xml:id is
      unique in the whole file, so ids a file shares with an earlier one are renamed (with
      their '#' pointers), in the member and in its stand-alone file alike:
      they are the same text. WORK/members.json says where each member is.

  teicorpus.py jsonl WORK COL_JSONL ALONE_JSONL
  teicorpus.py merged WORK COL_JSON ALONE_JSON
      The member graphs (a line each) / the merged graph of col.xml must be
      those of the stand-alone files, once the document keys, the file
      names, the lines and the XPaths of the members are written as those
      of the stand-alone files. Exit 1 with the first difference.
"""
import json
import os
import re
import sys

TEI_NS = "http://www.tei-c.org/ns/1.0"
SEP = "~"  # CLI_MEMBER_SEP


def key_of(path):
    base = os.path.basename(path)
    for suf in (".tei.xml", ".xml", ".tei"):
        if base.endswith(suf) and len(base) > len(suf):
            base = base[: -len(suf)]
            break
    return base.replace("#", "_").replace(" ", "_")


def rename_ids(text, taken, tag):
    """Rename the xml:ids of text already in `taken` (and their pointers)."""
    ids = re.findall(r'xml:id="([^"]+)"', text)
    clash = [i for i in ids if i in taken]
    for old in clash:
        new = tag + old
        text = text.replace('xml:id="%s"' % old, 'xml:id="%s"' % new)
        text = re.sub(r'#%s(?=["\s])' % re.escape(old), "#" + new, text)
    taken.update(re.findall(r'xml:id="([^"]+)"', text))
    return text


def make(work, files):
    os.makedirs(os.path.join(work, "alone"), exist_ok=True)
    col = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<teiCorpus xmlns="%s">' % TEI_NS,
           "  <teiHeader><fileDesc><titleStmt><title>Test collection</title></titleStmt>"
           "<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>generated</p></sourceDesc>"
           "</fileDesc></teiHeader>"]
    taken = {"member-two"}
    members = []
    for n, path in enumerate(files):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lines = text.split("\n")
        if not lines[0].startswith("<?xml"):
            sys.exit("%s: expected an XML declaration alone on line 1" % path)
        body = rename_ids("\n".join(lines[1:]), taken, "m%d-" % (n + 1))
        if n == 1:
            body = body.replace("<TEI ", '<TEI xml:id="member-two" ', 1)
        # named so that the stand-alone keys sort as the member keys do
        # (the merge orders some things by key): col_1, col_member-two, col_3
        suffix = "member-two" if n == 1 else str(n + 1)
        alone = os.path.join(work, "alone", "col_%s.tei.xml" % suffix)
        with open(alone, "w", encoding="utf-8") as f:
            f.write(lines[0] + "\n" + body)
        if n == 1:
            col.append("  <teiCorpus><teiHeader><fileDesc><titleStmt><title>Inner</title></titleStmt>"
                       "<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>generated</p>"
                       "</sourceDesc></fileDesc></teiHeader>")
        start = len(col) + 1  # the col.xml line of the member's first line
        body_lines = body.split("\n")
        col.extend(body_lines)
        tei_alone = next(i for i, l in enumerate(lines) if re.search(r"<TEI[\s>]", l)) + 1
        xpath = "/teiCorpus/teiCorpus[1]/TEI[1]" if n == 1 else "/teiCorpus/TEI[%d]" % (1 if n == 0 else n)
        members.append({
            "alone": alone, "alone_key": key_of(alone),
            "key": "col" + SEP + suffix,
            "first": start, "last": start + len(body_lines) - 1,
            "offset": start - 2,  # alone line L is col line L + offset
            "tei_line": tei_alone + start - 2, "xpath": xpath,
        })
        if n == 1:
            col.append("  </teiCorpus>")
    col.append("</teiCorpus>")
    with open(os.path.join(work, "col.xml"), "w", encoding="utf-8") as f:
        f.write("\n".join(col) + "\n")
    with open(os.path.join(work, "members.json"), "w") as f:
        json.dump({"col": os.path.join(work, "col.xml"), "members": members}, f, indent=1)


class Normaliser:
    """Rewrites what col.xml's graphs say of a member as its stand-alone file's graph says it."""

    def __init__(self, work):
        with open(os.path.join(work, "members.json")) as f:
            m = json.load(f)
        self.col = m["col"]
        self.members = m["members"]
        self.problems = []

    def member_at(self, line):
        for m in self.members:
            if m["first"] <= line <= m["last"]:
                return m
        return None

    def key(self, s):
        # ids, and lists of them ("documents": "k1 k2")
        return " ".join(self.key1(t) for t in s.split(" "))

    def key1(self, s):
        for m in self.members:
            if s == m["key"]:
                return m["alone_key"]
            if s.startswith(m["key"] + "#"):
                return m["alone_key"] + s[len(m["key"]):]
        return s

    def provenance(self, p):
        if p.get("file") != "\0col":
            return
        m = self.member_at(p.get("line", 0))
        if not m:
            self.problems.append("provenance outside every member: %r" % p)
            return
        p["file"] = m["alone"]
        xp = p.get("xpath")
        if xp == m["xpath"]:  # the document itself: its <TEI>
            if p["line"] != m["tei_line"]:
                self.problems.append("%s: document line %d, expected %d" % (m["key"], p["line"], m["tei_line"]))
            p["line"], p["xpath"] = 1, "/TEI"
            return
        p["line"] -= m["offset"]
        if xp is not None:
            if xp.startswith(m["xpath"] + "/"):
                p["xpath"] = "/TEI" + xp[len(m["xpath"]):]
            else:
                self.problems.append("%s: xpath %s not under %s" % (m["key"], xp, m["xpath"]))

    def walk(self, v, parent_key=None):
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                out[k] = self.walk(x, k)
            if parent_key == "provenance" or ("file" in out and "line" in out):
                self.provenance(out)
            return out
        if isinstance(v, list):
            return [self.walk(x, parent_key) for x in v]
        if isinstance(v, str):
            if v == self.col:
                # a document node's "file" attribute: the member's own file
                return "\0col"
            return self.key(v)
        return v

    def node_files(self, g):
        """The "file" attribute of each member's document node."""
        for n in g.get("nodes", []):
            if n.get("kind") == "document" and n.get("attributes", {}).get("file") == "\0col":
                m = next((m for m in self.members if m["alone_key"] == n["id"]), None)
                if m:
                    n["attributes"]["file"] = m["alone"]

    def graph(self, g):
        g = self.walk(g)
        self.node_files(g)
        return g


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return "%s: %r vs %r" % (path, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s.%s: only in %s" % (path, k, "the member" if k in a else "the file")
            d = first_difference(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(a) != len(b):
            return "%s: %d items vs %d" % (path, len(a), len(b))
        return None
    return None if a == b else "%s: %r vs %r" % (path, a, b)


def compare(norm, col_graphs, alone_graphs, what):
    if len(col_graphs) != len(alone_graphs):
        print("%s: %d graphs from col.xml, %d from the files" % (what, len(col_graphs), len(alone_graphs)))
        return 1
    bad = 0
    for i, (c, a) in enumerate(zip(col_graphs, alone_graphs)):
        if not a.get("nodes") or len(a["nodes"]) < 2:
            print("%s %d: the stand-alone graph is empty" % (what, i + 1))
            bad = 1
        c = norm.graph(c)
        d = first_difference(c, a)
        if d:
            print("%s %d differs: %s" % (what, i + 1, d))
            bad = 1
    for p in norm.problems:
        print("%s: %s" % (what, p))
        bad = 1
    return bad


def main():
    cmd = sys.argv[1]
    if cmd == "make":
        make(sys.argv[2], sys.argv[3:])
        return 0
    norm = Normaliser(sys.argv[2])
    if cmd == "jsonl":
        def lines(p):
            with open(p, encoding="utf-8") as f:
                return [json.loads(l) for l in f if l.strip()]
        return compare(norm, lines(sys.argv[3]), lines(sys.argv[4]), "jsonl member")
    if cmd == "merged":
        def load(p):
            with open(p, encoding="utf-8") as f:
                return [json.load(f)]
        return compare(norm, load(sys.argv[3]), load(sys.argv[4]), "merged graph")
    sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main())
