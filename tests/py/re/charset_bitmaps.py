# Character classes answered through their bitmaps of the first 256 code
# points: literals, ranges, categories, negation, case folding, sets big
# enough to become BIGCHARSET, str and bytes; each class listed as the runs
# of code points below 300 it matches, plus a few beyond.
import re


def runs(pred, limit=300):
    out, start = [], None
    for c in range(limit + 1):
        if c < limit and pred(c):
            if start is None:
                start = c
        elif start is not None:
            out.append('%d' % start if c - 1 == start else '%d-%d' % (start, c - 1))
            start = None
    return ','.join(out)


EXTRA = '\u0131\u017f\u212a\u2126\u03c9\u1e9e\u4e00'
CLASSES = [
    ('[abc]', 0), ('[^abc]', 0), ('[a-z0-9_]', 0), ('[\\w]', 0), ('[\\W]', 0),
    ('[\\d\\s]', 0), ('[^\\d\\s]', 0), ('[\\S]', re.A), ('[\\w-]', re.A),
    ('[a-f]', re.I), ('[^k]', re.I), ('[\\xc0-\\xde]', re.I), ('[\\xe0-\\xff]', re.I | re.A),
    ('[\\u0100-\\u017f]', re.I), ('[\\u0391-\\u03a9]', re.I),
    ('[\\x00-\\x1f\\x7f-\\x9f]', 0), ('[^\\x00-\\x7f]', 0),
    ('[%s]' % ''.join(chr(c) for c in range(0x100, 0x4000, 97)), 0),
    ('[^%s\\d]' % ''.join(chr(c) for c in range(0x100, 0x4000, 89)), 0),
    ('[\\w%s]' % ''.join(chr(c) for c in range(0x3000, 0x3100, 3)), re.I),
]
for pattern, flags in CLASSES:
    r = re.compile(pattern, flags)
    line = runs(lambda c: r.fullmatch(chr(c)) is not None)
    extra = ''.join('1' if r.fullmatch(ch) else '0' for ch in EXTRA)
    print(pattern[:24], flags, line, extra, len(r.findall(''.join(map(chr, range(300))))))
    if all(ord(ch) < 256 for ch in pattern.encode().decode('unicode_escape')):
        rb = re.compile(pattern.encode('latin-1'), flags & re.I)
        print('  bytes', runs(lambda c: rb.fullmatch(bytes([c])) is not None, 256))
