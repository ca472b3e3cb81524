# lib.sh — helpers for the CLI tests (sourced). Each test gets:
#   $1 = the argraph binary, $2 = the source dir, $3 = a scratch dir.
set -u
ARGRAPH=$1
SRC=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
pass=0
fail=0

check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAILED: $what" >&2
	fi
}

# run_argraph ARGS... : sets $rc, $out (stdout), $err (stderr)
run_argraph() {
	"$ARGRAPH" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
	rc=$?
	out=$(cat "$WORK/stdout")
	err=$(cat "$WORK/stderr")
}

contains() { case "$1" in *"$2"*) return 0 ;; *) echo "  '$2' not in: $1" >&2; return 1 ;; esac; }
equals() { [ "$1" = "$2" ] || { echo "  got '$1', expected '$2'" >&2; return 1; }; }
empty_dir() { [ -z "$(ls -A "$1" 2>/dev/null)" ] || { echo "  $1 is not empty: $(ls -A "$1")" >&2; return 1; }; }

finish() {
	echo "$(basename "$0" .sh): $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
