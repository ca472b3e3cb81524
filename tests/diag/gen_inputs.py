#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen_inputs.py — write the big hostile inputs at test time (never committed).

usage: gen_inputs.py KIND OUT [MEGABYTES]

KIND is one of
  long-malformed   200,000 lines; a bare '&' on line 200,000
  long-dangling    200,000 lines; a <ref> to nothing on line 200,000
  deep             <div> nested 100,000 deep
  para50m          one <p> of 50 MiB of plain text
  laughs           billion laughs: 10 levels of 10 entity references
  valid            a valid TEI file of about MEGABYTES MiB (paragraphs with
                   Chinese and English sentences, names, dates, citations),
                   for the memory measurements (tests/diag/memory.py)
Output is deterministic, so the expected messages never change.
"""
import sys

HEAD = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
TAIL = '</body></text></TEI>\n'


def long_file(out, last_lines):
    # line 1 is HEAD; lines 2 .. 200000-len(last_lines) are blank
    out.write(HEAD + '\n')
    out.write('\n' * (200000 - 1 - len(last_lines)))
    for line in last_lines:
        out.write(line + '\n')


def deep(out):
    out.write(HEAD + '\n')
    out.write('<div>' * 100000 + '\n')
    out.write('</div>' * 100000 + '\n' + TAIL)


def para50m(out):
    out.write(HEAD + '\n<p>')
    chunk = 'Alliances persist because institutions lower the cost of cooperation. '
    total = 50 * 1024 * 1024
    n = 0
    while n < total:
        out.write(chunk)
        n += len(chunk)
    out.write('</p>\n' + TAIL)


def laughs(out):
    out.write('<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY lol "lol">\n')
    prev = 'lol'
    for i in range(1, 10):
        out.write('<!ENTITY lol%d "%s">\n' % (i, ('&%s;' % prev) * 10))
        prev = 'lol%d' % i
    out.write(']>\n' + HEAD + '<p>&lol9;</p>' + TAIL)


def valid(out, megabytes):
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="zh">\n'
              '<teiHeader><fileDesc><titleStmt><title>Memory test</title></titleStmt>'
              '<publicationStmt><p>CC0</p></publicationStmt>'
              '<sourceDesc><p>generated</p></sourceDesc></fileDesc>\n'
              '<profileDesc><particDesc><listPerson>'
              '<person xml:id="zhang"><persName xml:lang="zh">张三</persName>'
              '<persName xml:lang="en">Zhang San</persName></person>'
              '</listPerson></particDesc></profileDesc></teiHeader>\n<text><body>\n')
    paras = [
        '<p xml:id="p{n}">联盟的存续是多种因素共同作用的结果。<persName ref="#zhang">张三</persName>'
        '认为联盟将会解体。<ref type="bibr" target="#b{s}">[{s}]</ref>但是联盟依然存在！'
        '<date when="1997">1997年</date>联盟东扩（张三，1948）。</p>\n',
        '<p xml:id="p{n}">Alliances persist because institutions lower the cost of '
        'cooperation. <persName ref="#zhang">Zhang</persName> argues that the alliance '
        'will dissolve <ref type="bibr" target="#b{s}">[{s}]</ref>. However, it survived the '
        'end of the Cold War, as Keohane (1984) showed.</p>\n',
    ]
    target = int(megabytes * 1024 * 1024)
    n = 0
    size = 0
    sec = 0
    while size < target:
        if n % 50 == 0:
            if n:
                out.write('</div>\n')
            sec += 1
            head = '<div xml:id="s%d" type="section"><head>第%d节</head>\n' % (sec, sec)
            out.write(head)
            size += len(head.encode())
        p = paras[n % 2].format(n=n, s=sec)
        out.write(p)
        size += len(p.encode())
        n += 1
    # one work per section, cited by its paragraphs (a real paper cites a
    # work a few times, not thousands)
    out.write('</div>\n</body><back><div type="references"><listBibl>\n')
    for k in range(1, sec + 1):
        out.write('<biblStruct xml:id="b%d"><analytic><title>Work %d</title>'
                  '<author><persName><surname>Author%d</surname></persName></author>'
                  '</analytic><monogr><title>Journal</title>'
                  '<imprint><date when="1990"/></imprint></monogr></biblStruct>\n' % (k, k, k))
    out.write('</listBibl></div></back></text></TEI>\n')


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, 'w', encoding='utf-8', newline='\n') as out:
        if kind == 'long-malformed':
            long_file(out, ['<p>Line 199,999 is fine.</p>',
                            '<p>Line 200,000 has a bare & in it.</p>' + TAIL.rstrip('\n')])
        elif kind == 'long-dangling':
            long_file(out, ['<p>Line 199,999 is fine.</p>',
                            '<p>On line 200,000, a citation <ref target="#nothing">[9]</ref>.</p>'
                            + TAIL.rstrip('\n')])
        elif kind == 'deep':
            deep(out)
        elif kind == 'para50m':
            para50m(out)
        elif kind == 'laughs':
            laughs(out)
        elif kind == 'valid':
            valid(out, float(sys.argv[3]) if len(sys.argv) > 3 else 10)
        else:
            sys.exit('unknown kind: ' + kind)


if __name__ == '__main__':
    main()
