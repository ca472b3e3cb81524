#!/usr/bin/env bash
# run_outputs.sh ARGRAPH SRC WORK — what the bad-input corpus cannot show
# with one file and its messages:
#  - atomic outputs: a write that fails half-way (the file size limit,
#    RLIMIT_FSIZE, works for root too) leaves the previous file intact and
#    no temporary file, for the in-process writers (JSON, DOT) and for the
#    forked Graphviz renderer (SVG);
#  - nothing is fetched: a listener on a local port sees no connection
#    while argraph reads an external DTD, an external entity, an XInclude and
#    a graph schema that all point at it;
#  - nothing local is read: an external entity, an external DTD and an
#    XInclude naming a FIFO never open it (a writer to the FIFO would be
#    released if they did), and a canary file's text never reaches an output.
. "$(dirname "$0")/../cli/lib.sh"
ARGRAPH=$(cd "$(dirname "$ARGRAPH")" && pwd)/$(basename "$ARGRAPH")
cd "$WORK" || exit 1
cp "$SRC/tests/data/tei/mini-zh.tei.xml" mini.tei.xml
TEI_OPEN='<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
TEI_CLOSE='</body></text></TEI>'
no_temp_files() { [ -z "$(find "$1" -name '*.tmp.*')" ] || { echo "  temporary files: $(find "$1" -name '*.tmp.*')" >&2; return 1; }; }

# ---- atomic outputs under a file size limit (1 KiB: every output of mini
# is larger)
for fmt in json dot svg; do
	out=mini.all.$fmt # one diagram per view: NAME.<view>.<format>
	[ $fmt = json ] && out=mini.json
	mkdir -p "atomic-$fmt"
	echo "previous complete file" >"atomic-$fmt/$out"
	(
		trap '' XFSZ # a write past the limit fails with EFBIG instead of killing us
		ulimit -f 1
		"$ARGRAPH" map -q --view all --formats "$fmt" -o "atomic-$fmt" mini.tei.xml
	) >stdout 2>stderr
	rc=$?
	err=$(cat stderr)
	check "$fmt over the size limit: exit 3" equals "$rc" 3
	case $fmt in
	svg) check "svg: says Graphviz failed" contains "$err" "nothing was written" ;;
	*) check "$fmt: says why" contains "$err" "atomic-$fmt/$out: error: cannot write: File too large [io.write]" ;;
	esac
	check "$fmt: the previous file is intact" equals "$(cat "atomic-$fmt/$out")" "previous complete file"
	check "$fmt: no temporary file" no_temp_files "atomic-$fmt"
	check "$fmt: nothing else" equals "$(ls "atomic-$fmt")" "$out"
done
# and without the limit the same command replaces the file whole
"$ARGRAPH" map -q --view all --formats json -o atomic-json mini.tei.xml
check "json: replaced when the write succeeds" grep -q '"version": "argraph-graph/1"' atomic-json/mini.json
check "json: no temporary file after success" no_temp_files atomic-json

# ---- nothing is fetched
if command -v python3 >/dev/null; then
	python3 - >listener.port 2>listener.log <<'EOF' &
import socket, sys
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
s.settimeout(60)
n = 0
try:
    while True:
        c, _ = s.accept()
        n += 1
        sys.stderr.write('connection %d\n' % n)
        sys.stderr.flush()
        c.close()
except Exception:
    pass
EOF
	listener=$!
	for _ in $(seq 50); do [ -s listener.port ] && break; sleep 0.1; done
	port=$(cat listener.port)
	url="http://127.0.0.1:$port"
	printf '<!DOCTYPE TEI SYSTEM "%s/tei.dtd">\n%s<p>DTD.</p>%s\n' "$url" "$TEI_OPEN" "$TEI_CLOSE" >net-dtd.tei.xml
	printf '<!DOCTYPE TEI [\n<!ENTITY x SYSTEM "%s/x.xml">\n]>\n%s<p>&x;</p>%s\n' "$url" "$TEI_OPEN" "$TEI_CLOSE" >net-entity.tei.xml
	printf '<!DOCTYPE TEI [\n<!ENTITY %% p SYSTEM "%s/p.dtd">\n%%p;\n]>\n%s<p>x</p>%s\n' "$url" "$TEI_OPEN" "$TEI_CLOSE" >net-param.tei.xml
	printf '%s<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="%s/inc.xml"/></p>%s\n' "$TEI_OPEN" "$url" "$TEI_CLOSE" >net-xinclude.tei.xml
	printf '<!DOCTYPE graph-schema SYSTEM "%s/s.dtd">\n<graph-schema xmlns="urn:argraph:graph-schema:1" version="1"/>\n' "$url" >net-schema.xml
	run_argraph map -q --no-rules --no-validate --formats json -o net-out net-dtd.tei.xml
	check "external DTD on http: read, exit 0" equals "$rc" 0
	run_argraph map -q --formats json -o net-out net-entity.tei.xml
	check "external entity on http: refused, exit 3" equals "$rc" 3
	run_argraph map -q --formats json -o net-out net-param.tei.xml
	check "external parameter entity on http: refused, exit 3" equals "$rc" 3
	run_argraph map -q --no-rules --no-validate --formats json -o net-out net-xinclude.tei.xml
	check "XInclude on http: not processed, exit 0" equals "$rc" 0
	run_argraph validate-tei net-dtd.tei.xml net-xinclude.tei.xml
	check "validate-tei: runs (exit 0 or 1)" test "$rc" -le 1
	run_argraph map -q --no-rules --schema net-schema.xml --formats json -o net-out mini.tei.xml
	check "schema with an http DTD: nothing fetched (exit 0 or 1)" test "$rc" -le 1
	sleep 0.3
	kill "$listener" 2>/dev/null
	wait "$listener" 2>/dev/null
	check "the listener saw no connection at all" equals "$(cat listener.log)" ""
else
	echo "skipped: network checks (no python3)"
fi

# ---- nothing local is read
mkfifo trap.fifo
echo "CANARY-$$-not-to-be-read" >canary.txt
here=$(pwd)
printf '<!DOCTYPE TEI [\n<!ENTITY x SYSTEM "file://%s/trap.fifo">\n<!ENTITY y SYSTEM "file://%s/canary.txt">\n]>\n%s<p>&x;&y;</p>%s\n' \
	"$here" "$here" "$TEI_OPEN" "$TEI_CLOSE" >local-entity.tei.xml
printf '<!DOCTYPE TEI SYSTEM "file://%s/trap.fifo">\n%s<p>x</p>%s\n' "$here" "$TEI_OPEN" "$TEI_CLOSE" >local-dtd.tei.xml
printf '%s<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://%s/canary.txt" parse="text"/><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://%s/trap.fifo" parse="text"/></p>%s\n' \
	"$TEI_OPEN" "$here" "$here" "$TEI_CLOSE" >local-xinclude.tei.xml
# a writer that finishes only if someone opens the FIFO for reading
timeout 20 sh -c 'echo opened > trap.fifo' &
writer=$!
run_argraph map -q --formats json -o local-out local-entity.tei.xml
check "local external entity: refused, exit 3" equals "$rc" 3
run_argraph map -q --no-rules --no-validate --formats json,dot -o local-out local-dtd.tei.xml local-xinclude.tei.xml
check "local DTD and XInclude: exit 0" equals "$rc" 0
run_argraph validate-tei local-dtd.tei.xml local-xinclude.tei.xml
check "validate-tei on them: runs (exit 0 or 1)" test "$rc" -le 1
sleep 0.3
if kill -0 "$writer" 2>/dev/null; then
	kill "$writer" 2>/dev/null
	wait "$writer" 2>/dev/null
	pass=$((pass + 1)) # the FIFO was never opened for reading
else
	fail=$((fail + 1))
	echo "FAILED: something opened trap.fifo for reading" >&2
fi
check "the canary's text is in no output" test -z "$(grep -rl CANARY local-out 2>/dev/null)"
finish
