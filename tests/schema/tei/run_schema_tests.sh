#!/usr/bin/env bash
# run_schema_tests.sh [ROOT]
#
# Accept/reject tests for schemas/argraph-tei.rng and its compact twin
# schemas/argraph-tei.rnc (the TEI subset argraph reads).
#
#   ROOT   the repository root (schemas are taken from ROOT/schemas), or a
#          directory that holds argraph-tei.rng/.rnc itself (e.g. an installed
#          share/argraph/schemas). Default: this script's ../../..
#
# For every accept/*.xml all three must pass, for every reject/*.xml all three
# must fail:
#     jing schemas/argraph-tei.rng F
#     jing -c schemas/argraph-tei.rnc F
#     xmllint --noout --relaxng schemas/argraph-tei.rng F
# A reject file must also be well-formed (so it fails for the reason it
# states), and if its top comment has a line "expect: TEXT", jing's message for
# it must contain TEXT. Two further checks keep the twins in sync: both define
# the same element names, and the open "tei.other" pattern excludes exactly the
# elements the schema defines (otherwise a known element could slip through it
# with the wrong content).
#
# Prints one line per case and "schema: N passed, M failed"; exits 1 if any
# case failed, 77 (skip) if jing or xmllint is not installed, 2 on usage error.
# jing is run once per schema over all files of a kind (a JVM start costs
# about 0.5 s); xmllint once per file.

set -u

here=$(cd "$(dirname "$0")" && pwd)
arg=${1:-$here/../../..}

if [ -f "$arg/argraph-tei.rng" ]; then
	schemadir=$arg
elif [ -f "$arg/schemas/argraph-tei.rng" ]; then
	schemadir=$arg/schemas
else
	echo "run_schema_tests: no argraph-tei.rng in $arg or $arg/schemas" >&2
	exit 2
fi
schemadir=$(cd "$schemadir" && pwd)
RNG=$schemadir/argraph-tei.rng
RNC=$schemadir/argraph-tei.rnc
if [ ! -f "$RNC" ]; then
	echo "run_schema_tests: $RNC is missing" >&2
	exit 2
fi

if ! command -v jing >/dev/null 2>&1; then
	echo "schema: SKIP: jing is not installed (Debian: apt-get install jing)"
	exit 77
fi
if ! command -v xmllint >/dev/null 2>&1; then
	echo "schema: SKIP: xmllint is not installed (Debian: apt-get install libxml2-utils)"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/argraph-schema.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

shopt -s nullglob
accept=("$here"/accept/*.xml)
reject=("$here"/reject/*.xml)
if [ ${#accept[@]} -eq 0 ] || [ ${#reject[@]} -eq 0 ]; then
	echo "run_schema_tests: no test cases under $here/accept or $here/reject" >&2
	exit 2
fi

# jing prints "[warning] ... Unable to locate xml-apis/batik" lines on some
# systems; only lines that start with a file name count.
jing_batch() { # out-file mode(rng|rnc) files...
	local out=$1 mode=$2
	shift 2
	if [ "$mode" = rnc ]; then
		jing -c "$RNC" "$@" >"$out" 2>&1
	else
		jing "$RNG" "$@" >"$out" 2>&1
	fi
	# an error in the schema itself makes every verdict meaningless
	if grep -q -F -e "$RNG:" -e "$RNC:" "$out"; then
		echo "schema error reported by jing ($mode):"
		grep -F -e "$RNG:" -e "$RNC:" "$out" | head -5 | sed 's/^/    /'
		: >"$out.schema-error"
		return 1
	fi
	return 0
}
# verdict from a jing batch output: "valid", "invalid" or "schema-error"
jing_verdict() { # out-file file
	if [ -e "$1.schema-error" ]; then
		echo schema-error
	elif grep -q -F -- "$2:" "$1"; then
		echo invalid
	else
		echo valid
	fi
}
xmllint_verdict() { # file
	if xmllint --noout --nonet --relaxng "$RNG" "$1" >"$tmp/xmllint.out" 2>&1; then
		echo valid
	else
		echo invalid
	fi
}
rel() { echo "${1#"$here"/}"; }

schema_ok=1
jing_batch "$tmp/acc.rng" rng "${accept[@]}" || schema_ok=0
jing_batch "$tmp/acc.rnc" rnc "${accept[@]}" || schema_ok=0
jing_batch "$tmp/rej.rng" rng "${reject[@]}" || schema_ok=0
jing_batch "$tmp/rej.rnc" rnc "${reject[@]}" || schema_ok=0
if [ $schema_ok -eq 1 ]; then
	pass "schema/compile: jing reads argraph-tei.rng and argraph-tei.rnc"
else
	fail "schema/compile: jing reports errors in the schema (see above)"
fi

for f in "${accept[@]}"; do
	a=$(jing_verdict "$tmp/acc.rng" "$f")
	b=$(jing_verdict "$tmp/acc.rnc" "$f")
	c=$(xmllint_verdict "$f")
	if [ "$a$b$c" = validvalidvalid ]; then
		pass "$(rel "$f")"
	else
		fail "$(rel "$f"): jing .rng=$a, jing -c .rnc=$b, xmllint=$c"
		grep -F -- "$f:" "$tmp/acc.rng" | head -3 | cut -c1-240 | sed 's/^/    /'
		[ "$c" = invalid ] && head -3 "$tmp/xmllint.out" | sed 's/^/    /'
	fi
done

for f in "${reject[@]}"; do
	a=$(jing_verdict "$tmp/rej.rng" "$f")
	b=$(jing_verdict "$tmp/rej.rnc" "$f")
	c=$(xmllint_verdict "$f")
	why=""
	if ! xmllint --noout --nonet "$f" >/dev/null 2>&1; then
		why="not well-formed XML, so it proves nothing about the schema"
	elif [ "$a$b$c" != invalidinvalidinvalid ]; then
		why="jing .rng=$a, jing -c .rnc=$b, xmllint=$c (all must be invalid)"
	else
		expect=$(sed -n 's/^[[:space:]]*expect:[[:space:]]*//p' "$f" | head -n 1 |
			sed 's/[[:space:]]*-->.*$//')
		if [ -n "$expect" ] && ! grep -F -- "$f:" "$tmp/rej.rng" | grep -q -F -- "$expect"; then
			why="rejected, but jing does not say: $expect"
		fi
	fi
	if [ -z "$why" ]; then
		pass "$(rel "$f")"
	else
		fail "$(rel "$f"): $why"
		grep -F -- "$f:" "$tmp/rej.rng" | head -3 | cut -c1-240 | sed 's/^/    /'
	fi
done

# --- the twins define the same elements ---------------------------------
# .rng: every <element name="X">; .rnc: every "element X {"
xmllint --xpath '//*[local-name()="element"]/@name' "$RNG" 2>/dev/null |
	grep -o 'name="[^"]*"' | sed 's/^name="//; s/"$//; s/^tei://' | sort -u >"$tmp/def.rng"
grep -o 'element [A-Za-z][A-Za-z0-9]* {' "$RNC" |
	sed 's/^element //; s/ {$//' | sort -u >"$tmp/def.rnc"
if [ -s "$tmp/def.rng" ] && cmp -s "$tmp/def.rng" "$tmp/def.rnc"; then
	pass "schema/sync: .rng and .rnc define the same $(wc -l <"$tmp/def.rng") elements"
else
	fail "schema/sync: element names differ between .rng (<) and .rnc (>)"
	diff "$tmp/def.rng" "$tmp/def.rnc" | grep '^[<>]' | head -10 | sed 's/^/    /'
fi

# --- tei.other excludes exactly the defined elements ----------------------
xmllint --xpath '//*[local-name()="define"][@name="tei.other"]//*[local-name()="except"]/*[local-name()="name"]' \
	"$RNG" 2>/dev/null | grep -o '<name>[^<]*</name>' |
	sed 's/<name>//; s/<\/name>//; s/^tei://' | sort -u >"$tmp/exc.rng"
awk '/^tei\.other =/ { on = 1 } on { print } on && /\) \{/ { exit }' "$RNC" |
	grep -o 'tei:[A-Za-z][A-Za-z0-9]*' | sed 's/^tei://' | sort -u >"$tmp/exc.rnc"
ok=1
for side in rng rnc; do
	if [ ! -s "$tmp/exc.$side" ] || ! cmp -s "$tmp/def.$side" "$tmp/exc.$side"; then
		ok=0
		echo "    .$side: defined (<) vs excluded from tei.other (>):"
		diff "$tmp/def.$side" "$tmp/exc.$side" | grep '^[<>]' | head -10 | sed 's/^/      /'
	fi
done >"$tmp/exc.diff"
if [ $ok -eq 1 ]; then
	pass "schema/tei.other: the exclusion list names every defined element (.rng and .rnc)"
else
	fail "schema/tei.other: exclusion list and defined elements differ"
	cat "$tmp/exc.diff"
fi

echo "schema: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
