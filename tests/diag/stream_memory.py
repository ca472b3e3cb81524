#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""stream_memory.py ARGRAPH SRC WORK MODE — a teiCorpus file costs one member at a time.

The members of a teiCorpus are handed to the output one by one as they are
mapped (src/cli/pool.h, parts), so a run over a teiCorpus of N documents
must cost about what the same N documents as N files cost: not N graphs
(or N JSON lines) held at once. For N and 4N generated members (each about
50 KB of valid TEI, tests/diag/gen_inputs.py), this measures the peak RSS
of `jsonl -j1`, `jsonl -j2` and `map --formats json -j2` (with another
file: threads, and a corpus run), `audit` and `validate`, on the teiCorpus
file and on its members as separate files. Between N and 4N, the teiCorpus
run may grow by more than the separate files' run only by what the reader
holds for the whole file (its parsed tree, a few bytes per input byte):
at most EXTRA MB per input MB. Holding every member's graph costs about
20 (measured: the growth was 37 MB where the separate files grew 0).
MODE is `plain` or `sanitized`: ASan's quarantine would keep every freed
graph (up to 256 MB), so the children run without it, and the bound is
looser for its redzones.
Prints the figures; exits 1 if a bound is broken.
"""
import os
import shutil
import subprocess
import sys

EXTRA = {'plain': 10, 'sanitized': 12}  # MB of peak RSS per input MB (measured: 6 and 6)
MEMBERS = (10, 40)
COMMANDS = {  # name: argv after argraph (FILES is replaced by the inputs)
    'jsonl -j1': ['jsonl', '-q', '-j1', 'FILES'],
    'jsonl -j2': ['jsonl', '-q', '-j2', 'FILES', 'OTHER'],
    'audit': ['audit', '-q', '-j1', 'FILES'],
    'validate': ['validate', '-q', '-j1', 'FILES'],
    'map -j2': ['map', '-q', '-j2', '--formats', 'json', '-o', 'out', 'FILES', 'OTHER'],
}
CORPUS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
               '<titleStmt><title>Members</title></titleStmt>'
               '<publicationStmt><p>CC0</p></publicationStmt>'
               '<sourceDesc><p>generated</p></sourceDesc></fileDesc></teiHeader>\n')


def peak_mb(cmd, cwd):
    """Run cmd in a fresh child; return (exit code, stderr, peak RSS in MB)."""
    helper = ('import resource,subprocess,sys\n'
              'p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n'
              'sys.stderr.buffer.write(p.stderr)\n'
              'print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n')
    env = dict(os.environ)
    # freed memory must be free: ASan's quarantine would hold it (ignored
    # by a build without ASan)
    env['ASAN_OPTIONS'] = ':'.join(o for o in (env.get('ASAN_OPTIONS'), 'quarantine_size_mb=0') if o)
    p = subprocess.run([sys.executable, '-c', helper] + cmd, cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    rc, rss_kb = p.stdout.split()
    return int(rc), p.stderr.decode(errors='replace'), int(rss_kb) / 1024


def member(text, k):
    """The generated document as member k: its ids (and references to them)
    made unique in the file."""
    body = text.split('\n', 1)[1]  # no XML declaration
    return body.replace('xml:id="', 'xml:id="m%d-' % k).replace('"#', '"#m%d-' % k)


def write_inputs(text, n, where):
    """where/corpus.tei.xml: a teiCorpus of n members; where/split/: the same n
    documents as files. Returns the teiCorpus's size in MB."""
    split = os.path.join(where, 'split')
    os.makedirs(split)
    corpus = os.path.join(where, 'corpus.tei.xml')
    with open(corpus, 'w', encoding='utf-8') as f:
        f.write(CORPUS_HEAD)
        for k in range(n):
            doc = member(text, k)
            f.write(doc)
            with open(os.path.join(split, 'm%03d.tei.xml' % k), 'w', encoding='utf-8') as g:
                g.write('<?xml version="1.0" encoding="UTF-8"?>\n' + doc)
        f.write('</teiCorpus>\n')
    return os.path.getsize(corpus) / (1024 * 1024)


def run(argraph, args, files, other, cwd):
    cmd = [argraph]
    for a in args:
        cmd += files if a == 'FILES' else [other] if a == 'OTHER' else [a]
    shutil.rmtree(os.path.join(cwd, 'out'), ignore_errors=True)
    return peak_mb(cmd, cwd)


def main():
    argraph, src, work, mode = sys.argv[1:5]
    argraph, src, work = os.path.abspath(argraph), os.path.abspath(src), os.path.abspath(work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    one = os.path.join(work, 'one.tei.xml')
    subprocess.run([sys.executable, os.path.join(src, 'tests', 'diag', 'gen_inputs.py'),
                    'valid', one, '0.05'], check=True)
    with open(one, encoding='utf-8') as f:
        text = f.read()
    other = os.path.join(src, 'tests', 'data', 'tei', 'mini-zh.tei.xml')
    sizes = {}
    for n in MEMBERS:
        sizes[n] = write_inputs(text, n, os.path.join(work, str(n)))
    grown_mb = sizes[MEMBERS[1]] - sizes[MEMBERS[0]]
    failed = 0
    for name, args in COMMANDS.items():
        peaks = {}
        for n in MEMBERS:
            where = os.path.join(work, str(n))
            for kind, files in (('corpus', ['corpus.tei.xml']), ('split', ['split'])):
                rc, err, rss = run(argraph, args, files, other, where)
                if rc != 0:
                    print('FAILED: %s on %d members (%s): exit %d:\n%s' % (name, n, kind, rc, err),
                          file=sys.stderr)
                    failed += 1
                peaks[kind, n] = rss
        lo, hi = MEMBERS
        corpus_growth = peaks['corpus', hi] - peaks['corpus', lo]
        split_growth = peaks['split', hi] - peaks['split', lo]
        per_mb = (corpus_growth - split_growth) / grown_mb
        print('%-10s teiCorpus %d -> %d members: %.0f -> %.0f MB; as files: %.0f -> %.0f MB; '
              'extra %.1f MB per input MB (bound %d)'
              % (name, lo, hi, peaks['corpus', lo], peaks['corpus', hi], peaks['split', lo],
                 peaks['split', hi], per_mb, EXTRA[mode]))
        if per_mb > EXTRA[mode]:
            print('FAILED: %s: a teiCorpus grows by %.1f MB per input MB more than its members '
                  'as files, over %d: its members are held together'
                  % (name, per_mb, EXTRA[mode]), file=sys.stderr)
            failed += 1
    print('stream_memory: %s' % ('FAILED' if failed else 'ok'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
