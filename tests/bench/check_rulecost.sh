#!/usr/bin/env bash
# check_rulecost.sh RULECOST SRCDIR WORKDIR — bench/rulecost.c, the per-rule
# cost table, over the bundled corpus with a user's rule file added: it
# exits 0, lists every rule once (the bundled ones, the user's new one, the
# one the user's file overrides), its rules one at a time find exactly the
# matches argraph_rules_match() finds (the tool checks; we read its line),
# and its table's matches add up to them. Usage errors exit 2, a rule file
# that does not load 1.
set -euo pipefail
rc=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
ls "$src"/corpus/*.tei.xml >"$work/list"
# and a text without a language: every rule runs on it (the plan of no lang)
cat >"$work/nolang.xml" <<'TEI'
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Economic growth leads to democratic stability. Smith (2001) argues that the war
was inevitable. 经济增长导致了政治稳定。</p></body></text></TEI>
TEI
echo "$work/nolang.xml" >>"$work/list"
status=0
"$rc" "$src" "$src/tests/rules/override.rules" <"$work/list" >"$work/out" 2>"$work/err" || status=$?
cat "$work/out" "$work/err"
fail() { echo "FAILED: $*"; exit 1; }
[ "$status" = 0 ] || fail "exit $status"
# the rule ids the table must hold: the bundled files' and the user's
want=$( (grep -h '^rule ' "$src"/rules/*.rules "$src/tests/rules/override.rules" | awk '{print $2}') | sort -u)
rows=$(awk 'f && /^prefilter of/ {f=0} f {print $1} /^rule +ms/ {f=1}' "$work/out")
[ "$(echo "$rows" | sort)" = "$want" ] || fail "the table's rules are not every rule once: $(diff <(echo "$rows" | sort) <(echo "$want") | tr '\n' ' ')"
line=$(grep -E '^matches: [0-9]+ rule by rule, [0-9]+ by argraph_rules_match$' "$work/out") || fail "no matches line, or they differ"
read -r a b < <(echo "$line" | sed -E 's/^matches: ([0-9]+) rule by rule, ([0-9]+) by.*/\1 \2/')
[ "$a" = "$b" ] && [ "$a" -gt 50 ] || fail "matches $a rule by rule, $b by argraph_rules_match (want equal, over 50)"
sum=$(awk 'f && /^prefilter of/ {f=0} f {s += $6} /^rule +ms/ {f=1} END {print s}' "$work/out")
[ "$sum" = "$a" ] || fail "the table's matches add up to $sum, not $a"
grep -q '^user.hedge.maybe ' "$work/out" || fail "the user's rule is missing"
grep -Eq '^prefilter of every rule \(no lang\) .* over 3 sentences' "$work/out" \
	|| fail "the text without a language is not matched by every rule"
# usage, and a rule file that does not load
status=0; "$rc" </dev/null >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "no arguments: exit $status, want 2"
printf 'language en\nrule x.bad thesis\n  pattern (\n' >"$work/bad.rules"
status=0; "$rc" "$src" "$work/bad.rules" <"$work/list" >/dev/null 2>"$work/bad.err" || status=$?
[ "$status" = 1 ] || fail "a bad rule file: exit $status, want 1"
grep -q 'bad.rules:3' "$work/bad.err" || fail "a bad rule file: no file:line message"
echo "ok"
