#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""memory.py ARGRAPH SRC WORK MODE — memory per input megabyte, and the size limit.

1. Peak RSS of `argraph map --view all --formats json,dot` (rules, graph
   schema: the whole in-process pipeline) on generated valid TEI of two
   sizes must stay under BASE + PER_MB x megabytes, and grow by at most
   PER_MB per megabyte between them. MODE is `plain` (a build without
   sanitizers: the bound docs/limits.md states) or `sanitized` (ASan keeps
   redzones and a quarantine, so its bound is looser).
2. A file over --max-size is refused with exit 3 and its message, before
   it is read: a 300 MiB (sparse) file against the default 256 MiB limit,
   and a small file against --max-size, each in little memory.
Prints the figures; exits 1 if a bound is broken.
"""
import os
import subprocess
import sys

BOUNDS = {  # MB of peak RSS: base, per input MB
    'plain': (80, 100),  # 63 measured; the in-memory JSON export took 250
    'sanitized': (250, 800),
}
SIZES_MB = (0.1, 0.3)


def run(cmd, cwd):
    """Run cmd in a fresh child; return (exit code, stderr, seconds, peak RSS in MB)."""
    # RUSAGE_CHILDREN keeps the maximum over all children so far, so each
    # measurement runs in its own intermediate process.
    helper = ('import resource,subprocess,sys,time\n'
              't=time.monotonic()\n'
              'p=subprocess.run(sys.argv[1:],stderr=subprocess.PIPE)\n'
              'sys.stderr.buffer.write(p.stderr)\n'
              'print(p.returncode, time.monotonic()-t,'
              ' resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n')
    p = subprocess.run([sys.executable, '-c', helper] + cmd, cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    rc, secs, rss_kb = p.stdout.split()
    return int(rc), p.stderr.decode(errors='replace'), float(secs), int(rss_kb) / 1024


def main():
    argraph, src, work, mode = sys.argv[1:5]
    argraph, src, work = os.path.abspath(argraph), os.path.abspath(src), os.path.abspath(work)
    base, per_mb = BOUNDS[mode]
    os.makedirs(work, exist_ok=True)
    gen = os.path.join(src, 'tests', 'diag', 'gen_inputs.py')
    failed = 0

    peaks = []
    for mb in SIZES_MB:
        name = 'valid-%g.tei.xml' % mb
        subprocess.run([sys.executable, gen, 'valid', os.path.join(work, name), str(mb)],
                       check=True)
        size_mb = os.path.getsize(os.path.join(work, name)) / (1024 * 1024)
        rc, err, secs, rss = run([argraph, 'map', '-q', '--view', 'all', '--formats', 'json,dot',
                                  '-o', 'out-valid', name], work)
        os.remove(os.path.join(work, name))
        print('%s: %.2f MB in, exit %d, %.1f s, peak %.0f MB (%.0f MB per input MB)'
              % (name, size_mb, rc, secs, rss, rss / size_mb))
        if rc != 0:
            print('FAILED: exit %d:\n%s' % (rc, err), file=sys.stderr)
            failed += 1
        if rss > base + per_mb * size_mb:
            print('FAILED: peak %.0f MB is over %d + %d x %.2f MB'
                  % (rss, base, per_mb, size_mb), file=sys.stderr)
            failed += 1
        peaks.append((size_mb, rss))
    (m0, r0), (m1, r1) = peaks
    slope = (r1 - r0) / (m1 - m0)
    print('growth: %.0f MB per input MB (bound %d, %s build)' % (slope, per_mb, mode))
    if slope > per_mb:
        print('FAILED: memory grows by %.0f MB per input MB, over %d' % (slope, per_mb),
              file=sys.stderr)
        failed += 1

    # Over the default limit (256 MiB): refused from its size alone. The file
    # is sparse, so this costs no disk.
    big = os.path.join(work, 'huge.tei.xml')
    with open(big, 'wb') as f:
        f.truncate(300 * 1024 * 1024)
    rc, err, secs, rss = run([argraph, 'map', '-q', '-o', 'out', 'huge.tei.xml'], work)
    os.remove(big)
    want = ('huge.tei.xml: error: file is 314572800 bytes, over the limit of 268435456 bytes '
            '(argraph map --max-size) [io.too-big]\n')
    print('huge.tei.xml (300 MiB): exit %d, %.1f s, peak %.0f MB' % (rc, secs, rss))
    if rc != 3 or err != want:
        print('FAILED: expected exit 3 and\n%sgot exit %d and\n%s' % (want, rc, err),
              file=sys.stderr)
        failed += 1
    if rss > base:
        print('FAILED: refusing it took %.0f MB' % rss, file=sys.stderr)
        failed += 1

    # Over a --max-size of one's own.
    mini = os.path.join(src, 'tests', 'data', 'tei', 'mini-zh.tei.xml')
    rc, err, secs, rss = run([argraph, 'map', '-q', '--max-size', '2000', '-o', 'out', mini], work)
    want = ('%s: error: file is %d bytes, over the limit of 2000 bytes (argraph map --max-size) '
            '[io.too-big]\n' % (mini, os.path.getsize(mini)))
    if rc != 3 or err != want:
        print('FAILED: expected exit 3 and\n%sgot exit %d and\n%s' % (want, rc, err),
              file=sys.stderr)
        failed += 1
    if os.path.isdir(os.path.join(work, 'out')) and os.listdir(os.path.join(work, 'out')):
        print('FAILED: refused inputs left files in out/', file=sys.stderr)
        failed += 1
    print('memory: %s' % ('FAILED' if failed else 'ok'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
