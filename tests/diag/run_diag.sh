#!/usr/bin/env bash
# run_diag.sh ARGRAPH SRC WORK — the bad-input corpus (tests/diag/*/).
#
# A case is a set of sibling files named after it, in tests/diag/<group>/:
#   CASE.<ext>     the bad input (any extension); none for generated cases
#   CASE.expected  the exact stderr
#   CASE.exit      the exact exit code
#   CASE.args      optional: the command line ({} is the input's file name);
#                  default per group, below
#   CASE.setup     optional: bash run in the case's work directory first
#                  (makes directories, FIFOs, unreadable files …)
#   CASE.gen       optional: `KIND` for tests/diag/gen_inputs.py, which
#                  writes the input (CASE.tei.xml) into the work directory:
#                  the big inputs are never committed
#   CASE.limits    optional: `SECONDS MEGABYTES`: the run must take less
#                  CPU time (user + system) and peak memory than that —
#                  guards against a blow-up (an entity expanded, a
#                  quadratic walk), with room for sanitizers, not timings
# Each case runs in its own work directory with relative paths, so stderr
# does not depend on where the tree is. After a failure (exit != 0) the
# output directory must be empty: no output file, no temporary file. After
# any run no temporary file (*.tmp.*) may be left.
#
# Default commands (ARGRAPH_DATADIR points at the source tree: the bundled
# rules and graph schema):
#   tei/     argraph map -q --formats json,dot -o out {}
#   rules/   argraph map -q --rules {} --formats json -o out mini.tei.xml
#   schema/  argraph map -q --schema {} --formats json -o out mini.tei.xml
#   big/     argraph map -q --formats json -o out {}
# An args line starting with `@dropcaps` runs the command without the
# capabilities that let root read and write anything (setpriv), so the
# permission cases mean the same as root as they do for a user; the case
# is skipped if that is not possible here.
#
# ARGRAPH_DIAG_UPDATE=1 writes CASE.expected.new/CASE.exit.new beside a case
# that differs, for a person to review (never replaces the reviewed files).
set -u
argraph=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd) work=$3
diag="$src/tests/diag"
rm -rf "$work" && mkdir -p "$work"
pass=0 fail=0 skip=0

have_dropcaps() {
	[ "$(id -u)" -ne 0 ] && return 0
	command -v setpriv >/dev/null || return 1
	local probe="$work/.probe"
	echo x >"$probe" && chmod 000 "$probe"
	! setpriv --inh-caps=-dac_override,-dac_read_search \
		--bounding-set=-dac_override,-dac_read_search cat "$probe" >/dev/null 2>&1
}
dropcaps_ok=0
have_dropcaps && dropcaps_ok=1

# measure SECONDS_FILE MAXRSS_FILE CMD... : run CMD, keep its exit code
measure() {
	local tfile=$1 mfile=$2
	shift 2
	python3 - "$tfile" "$mfile" "$@" <<'EOF'
import resource, subprocess, sys, time
tfile, mfile, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
rc = subprocess.call(cmd)
# CPU seconds, not wall: a busy machine must not fail a run that did no
# more work than it should
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
rss_kb = ru.ru_maxrss
open(tfile, 'w').write('%.2f\n' % (ru.ru_utime + ru.ru_stime))
open(mfile, 'w').write('%d\n' % (rss_kb // 1024))
sys.exit(rc)
EOF
}

run_case() { # GROUP CASE
	local group=$1 name=$2 dir="$diag/$1"
	local w="$work/$group/$name"
	mkdir -p "$w"
	local input=""
	for f in "$dir/$name".*; do
		case "$f" in
		*.expected | *.exit | *.args | *.setup | *.gen | *.limits | *.new) ;;
		*) [ -e "$f" ] && input=$(basename "$f") && cp -p "$f" "$w/" ;;
		esac
	done
	if [ -f "$dir/$name.gen" ]; then
		input="$name.tei.xml"
		python3 "$diag/gen_inputs.py" "$(cat "$dir/$name.gen")" "$w/$input" || {
			echo "FAILED: $group/$name: cannot generate the input" >&2
			fail=$((fail + 1))
			return
		}
	fi
	cp "$src/tests/data/tei/mini-zh.tei.xml" "$w/mini.tei.xml"
	local args
	if [ -f "$dir/$name.args" ]; then
		args=$(cat "$dir/$name.args")
	else
		case $group in
		tei) args="map -q --formats json,dot -o out {}" ;;
		rules) args="map -q --rules {} --formats json -o out mini.tei.xml" ;;
		schema) args="map -q --schema {} --formats json -o out mini.tei.xml" ;;
		*) args="map -q --formats json -o out {}" ;;
		esac
	fi
	local prefix=()
	if [ "${args#@dropcaps }" != "$args" ]; then
		args=${args#@dropcaps }
		if [ "$(id -u)" -eq 0 ]; then
			if [ $dropcaps_ok -eq 0 ]; then
				echo "skipped: $group/$name (root, and setpriv cannot drop CAP_DAC_OVERRIDE here)"
				skip=$((skip + 1))
				return
			fi
			prefix=(setpriv --inh-caps=-dac_override,-dac_read_search
				--bounding-set=-dac_override,-dac_read_search)
		fi
	fi
	args=${args//\{\}/$input}
	(
		cd "$w" || exit 1
		if [ -f "$dir/$name.setup" ]; then
			bash "$dir/$name.setup" || exit 1
		fi
		# shellcheck disable=SC2086 # args is a word list on purpose
		measure .seconds .megabytes "${prefix[@]}" "$argraph" $args 2>stderr.txt >stdout.txt
		echo $? >exit.txt
	)
	local got_exit want_exit ok=1
	got_exit=$(cat "$w/exit.txt" 2>/dev/null || echo "?")
	want_exit=$(cat "$dir/$name.exit")
	if [ "$got_exit" != "$want_exit" ]; then
		echo "FAILED: $group/$name: exit $got_exit, expected $want_exit" >&2
		ok=0
	fi
	if ! diff -u "$dir/$name.expected" "$w/stderr.txt" >"$w/stderr.diff"; then
		echo "FAILED: $group/$name: stderr differs from $name.expected:" >&2
		cat "$w/stderr.diff" >&2
		ok=0
	fi
	if [ "$got_exit" != 0 ] && [ -d "$w/out" ] && [ -n "$(ls -A "$w/out")" ]; then
		echo "FAILED: $group/$name: failed, yet left files in out/: $(ls -A "$w/out")" >&2
		ok=0
	fi
	local leftovers
	leftovers=$(find "$w" -name '*.tmp.*' 2>/dev/null)
	if [ -n "$leftovers" ]; then
		echo "FAILED: $group/$name: temporary files left: $leftovers" >&2
		ok=0
	fi
	if [ -f "$dir/$name.limits" ]; then
		local max_s max_mb s mb
		read -r max_s max_mb <"$dir/$name.limits"
		s=$(cat "$w/.seconds") mb=$(cat "$w/.megabytes")
		echo "  $group/$name: ${s} CPU s, ${mb} MB peak (limits ${max_s} s, ${max_mb} MB)"
		if ! python3 -c "import sys; sys.exit(0 if $s < $max_s and $mb < $max_mb else 1)"; then
			echo "FAILED: $group/$name: took ${s} s and ${mb} MB, over ${max_s} s or ${max_mb} MB" >&2
			ok=0
		fi
	fi
	if [ $ok -eq 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		if [ "${ARGRAPH_DIAG_UPDATE:-0}" = 1 ]; then
			cp "$w/stderr.txt" "$dir/$name.expected.new"
			cp "$w/exit.txt" "$dir/$name.exit.new"
			echo "  proposed $dir/$name.expected.new and .exit.new: review, then rename" >&2
		fi
	fi
	# the big generated inputs are not kept
	[ -f "$dir/$name.gen" ] && [ $ok -eq 1 ] && rm -f "$w/$input"
}

for dir in "$diag"/*/; do
	group=$(basename "$dir")
	for exitfile in "$dir"*.exit; do
		[ -e "$exitfile" ] || continue
		run_case "$group" "$(basename "$exitfile" .exit)"
	done
done
echo "diag: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
