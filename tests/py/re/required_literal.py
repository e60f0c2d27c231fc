# Searches for patterns whose code starts with something other than their
# literal part: a branch of bounded widths, an anchor, a lookaround, a
# one-character class. Every match must be found, at the right start, with
# pos/endpos, near the ends of the subject, and for str and bytes.
import re

cases = [
    (r'(^|[^\\])"\\/Date\((-?[0-9]+)\)\\/"',
     ['"\\/Date(12)\\/"', 'x"\\/Date(-3)\\/" y"\\/Date(4)\\/"', '\\"\\/Date(1)\\/"',
      'a"\\/Date(1)\\/', '']),
    (r'\bword\b', ['word', 'a word here', 'swordfish words word', 'wor', 'word_']),
    (r'(a|bc|)xyz', ['xyz', 'axyz', 'bcxyz', 'bxyz', 'cxyz', 'aaxyzbcxyz']),
    (r'(?<=a)bc', ['abc', 'bc', 'xbcabc']),
    (r'(?=\w)ab+', ['ab', 'abbb', ' ab']),
    (r'[xy]..lit', ['xablit', 'lit', 'yzzlitxqqlit', 'x\nalit']),
    (r'(?:ab|c)(?:d|ef)gh', ['abdgh', 'cefgh', 'abefgh', 'cdg', 'zzcdghzz']),
    (r'.q', ['q', 'aq', 'qq', 'a\nq']),
    (r'(\d|\d\d)-x', ['1-x', '12-x', '123-x', '-x']),
    (r'(?i)(^|\s)ab', ['AB', ' aB', 'xab', 'x Ab']),
    (r'(^|a)bb', ['bb', 'abb', 'cbb', 'babb']),
    # One literal per alternative.
    (r'agggtaaa|tttaccct', ['agggtaaa', 'xtttaccctagggtaaa', 'agggtaa', 'tttaccc']),
    (r'[cgt]gggtaaa|tttaccc[acg]', ['cgggtaaa', 'tttaccca', 'agggtaaa', 'tttacccc gggggtaaa']),
    (r'a[act]ggtaaa|tttacc[agt]t', ['aaggtaaa', 'tttaccgt', 'tttacctt aaggtaaa']),
    (r'(?:ab|c.d)xy|q(r|st)', ['abxy', 'cxdxy', 'qr', 'qst', 'abxqr', 'ccddxy']),
    (r'\bfoo|bar\b', ['foo', 'xfoo', 'bar', 'barx', 'foobar bar']),
    (r'(ab|cd)?xy', ['xy', 'abxy', 'cdxy', 'axy']),
    ('\u20acab|\xe9\xe9', ['\u20acab', '\xe9\xe9', 'x\u20acab\xe9\xe9', '\u20aca']),
]

for pat, subjects in cases:
    c = re.compile(pat)
    try:
        cb = re.compile(pat.encode('latin-1'))
    except UnicodeEncodeError:
        cb = None
    print(pat)
    for s in subjects:
        m = c.search(s)
        print('  %r: %s %s' % (s, m and m.span(), m and m.groups()))
        print('    all', [x.span() for x in c.finditer(s)])
        print('    sub', c.sub('<>', s))
        for pos, endpos in [(1, len(s)), (0, max(len(s) - 1, 0)), (2, 5)]:
            m = c.search(s, pos, endpos)
            print('    [%d:%d] %s' % (pos, endpos, m and m.span()))
        if cb is not None:
            print('    bytes', [x.span() for x in cb.finditer(s.encode('latin-1', 'replace'))])
        w = '\u20ac' + s + '\xe9' + s
        print('    wide', [x.span() for x in c.finditer(w)])

# A long subject with few candidates.
long = ('x' * 1000 + '"\\/Date(7)\\/"') * 3
print([m.group(2) for m in re.finditer(cases[0][0], long)])
print(len(re.sub(cases[0][0], '', long)))
