#!/usr/bin/env bash
# id_clash.sh — an id from the markup that names two kinds of thing.
#
# Node ids are "<key>#<local>", the local part an xml:id or an id the
# passes build ("<block id>.s<n>" claims, "cit.t<n>" text citations,
# "factor.<words>"). xml:ids are unique, but one can equal a built id: a
# category "p1.s1" beside the claim of sentence 1 of <p xml:id="p1">. Both
# extraction passes must then keep the two apart the same way (the second
# kind is "<id>.<kind>") and go on; the rule pass used to stop the whole
# document with exit 3 and no message.
. "$(dirname "$0")/lib.sh"

header() {
	cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc><titleStmt><title>Clash</title></titleStmt>
      <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc></fileDesc>
    <encodingDesc><classDecl><taxonomy xml:id="factors">
      <category xml:id="p1.s1"><catDesc>rising inequality</catDesc></category>
      <category xml:id="cit.t1"><catDesc>weak institutions</catDesc></category>
    </taxonomy></classDecl></encodingDesc>
  </teiHeader>
EOF
}

# jq-free look at the graph: "kind id" of every node, "kind source target"
# of every edge, one per line
summary() {
	python3 -c '
import json, sys
g = json.loads(open(sys.argv[1]).read())
for n in g["nodes"]: print("node", n["kind"], n["id"])
for e in g["edges"]: print("edge", e["kind"], e["source"], e["target"])
' "$1"
}

# 1. a category named like a claim, met by the structure pass (<term>) and
#    then by the rule pass (the cause of "leads to" is that term)
{
	header
	cat <<'EOF'
  <text><body>
    <p xml:id="p1"><term ref="#p1.s1">Rising inequality</term> leads to political instability.</p>
  </body></text>
</TEI>
EOF
} >"$WORK/claim.tei.xml"
run_argraph jsonl "$WORK/claim.tei.xml"
check "category named like a claim: exit 0" equals "$rc" 0
check "category named like a claim: no error" equals "$err" ""
printf '%s\n' "$out" >"$WORK/claim.jsonl"
s=$(summary "$WORK/claim.jsonl")
check "the claim keeps its id" contains "$s" "node claim claim#p1.s1"
check "the category is <id>.factor" contains "$s" "node factor claim#p1.s1.factor"
check "the rule pass found the structure pass's factor" \
	contains "$s" "edge causes claim#p1.s1.factor claim#factor.political-instability"

# 2. a category named like the rule pass's first text citation, met first
#    by the structure pass
{
	header
	cat <<'EOF'
  <text><body>
    <p xml:id="p1">We note that <term ref="#cit.t1">weak institutions</term> persist (Smith, 2001).</p>
  </body></text>
</TEI>
EOF
} >"$WORK/cit.tei.xml"
run_argraph jsonl "$WORK/cit.tei.xml"
check "category named like a text citation: exit 0" equals "$rc" 0
printf '%s\n' "$out" >"$WORK/cit.jsonl"
s=$(summary "$WORK/cit.jsonl")
check "the category keeps its id" contains "$s" "node factor cit#cit.t1"
check "the text citation is <id>.citation" contains "$s" "node citation cit#cit.t1.citation"

# 3. a <seg> a causal <linkGrp> points at, named like a claim
{
	header
	cat <<'EOF'
  <text><body>
    <p xml:id="p2"><seg xml:id="p2.s1">Trade</seg> and <seg xml:id="peace">peace</seg> go together.</p>
    <linkGrp type="causal"><link target="#p2.s1 #peace"/></linkGrp>
  </body></text>
</TEI>
EOF
} >"$WORK/seg.tei.xml"
run_argraph jsonl "$WORK/seg.tei.xml"
check "seg named like a claim: exit 0" equals "$rc" 0
printf '%s\n' "$out" >"$WORK/seg.jsonl"
s=$(summary "$WORK/seg.jsonl")
check "the seg's factor is <id>.factor" contains "$s" "edge causes seg#p2.s1.factor seg#peace"
# 4. "<id>.<kind>" taken as well (listed persons named so): the next free
#    "<id>.<kind>2", the same node for both passes; all eight taken: an
#    error naming the id, at the category's line (its xml:id is the one to
#    rename), exit 3
persons() { # persons FIRST LAST: listed persons p1.s1.factor, p1.s1.factor2, ...
	echo '  <standOff><listPerson>'
	for ((k = $1; k <= $2; k++)); do
		suffix=$k
		[ "$k" -eq 1 ] && suffix=
		echo "    <person xml:id=\"p1.s1.factor$suffix\"><persName>Person $k</persName></person>"
	done
	echo '  </listPerson></standOff>'
}
body='  <text><body>
    <p xml:id="p1"><term ref="#p1.s1">Rising inequality</term> leads to political instability.</p>
  </body></text>
</TEI>'
{
	header
	persons 1 1
	echo "$body"
} >"$WORK/taken.tei.xml"
run_argraph jsonl "$WORK/taken.tei.xml"
check "<id>.factor taken: exit 0" equals "$rc" 0
printf '%s\n' "$out" >"$WORK/taken.jsonl"
s=$(summary "$WORK/taken.jsonl")
check "the person keeps <id>.factor" contains "$s" "node person taken#p1.s1.factor"
check "the category is <id>.factor2, for both passes" \
	contains "$s" "edge causes taken#p1.s1.factor2 taken#factor.political-instability"
{
	header
	persons 1 8
	echo "$body"
} >"$WORK/full.tei.xml"
line=$(grep -n '<category xml:id="p1.s1"' "$WORK/full.tei.xml" | cut -d: -f1)
run_argraph jsonl "$WORK/full.tei.xml"
check "all alternatives taken: exit 3" equals "$rc" 3
check "all alternatives taken: the error, at the category's line" \
	contains "$err" "full.tei.xml:$line: error: the id \"full#p1.s1\" and its 8 alternatives all name other kinds of node"
finish
