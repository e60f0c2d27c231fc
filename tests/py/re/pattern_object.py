# The Pattern object: attributes, equality, hashing, copying, repr, cache,
# and patterns used from several threads at once.
import sys; sys.path.append('/usr/lib/python3.11')
import re, copy, threading

p = re.compile(r'(?P<a>x)(y)(?P<c>z)?', re.I)
print(p.pattern, p.flags, p.groups, p.groupindex, type(p.groupindex).__name__)
print(re.compile('a').groupindex)
try:
    p.groupindex['a'] = 5
except TypeError as e:
    print('TypeError', e)
q = re.compile(r'(?P<a>x)(y)(?P<c>z)?', re.I)
print(p == q, hash(p) == hash(q), p != q, p == re.compile('x'), p == 'x')
print(re.compile('a') == re.compile(b'a'), re.compile('a') == re.compile('a', re.M))
print(copy.copy(p) is p, copy.deepcopy(p) is p)
print(re.compile('a') is re.compile('a'))
print(re.compile(p) is p)
try:
    re.compile(p, re.M)
except ValueError as e:
    print('ValueError', e)
print(repr(re.compile('x' * 250))[-20:], len(repr(re.compile('y' * 250))))
print(re.compile("it's"), re.compile('a\nb'), re.compile(b'\xff'))
print(re.Pattern, re.Match, re.Pattern[str], re.Match[bytes])
print(type(p).__name__, type(p).__module__, type(p.match('xy')).__name__)
for name in ('match', 'search', 'sub', 'groups', 'regs'):
    print(name, hasattr(p, name), hasattr(p.match('xy'), name))

# threads share one compiled pattern
words = re.compile(r'\b(\w)(\w*)\b')
out = [None] * 8
def work(i):
    text = ' '.join('w%d_%d' % (i, k) for k in range(2000))
    out[i] = (len(words.findall(text)), words.sub(r'\2\1', text)[:12])
ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(out)

# copyreg knows how to rebuild a pattern (as pickle uses it)
import copyreg
f, args = copyreg.dispatch_table[re.Pattern](p)
print(f(*args) is p)

import _sre
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(ord('a')), _sre.ascii_iscased(ord('1')), _sre.ascii_iscased(0xe9))
print(_sre.unicode_iscased(0xe9), _sre.unicode_iscased(0x5d0), _sre.unicode_iscased(0x130))
print(_sre.ascii_tolower(ord('Q')), _sre.ascii_tolower(0xc9), _sre.unicode_tolower(0xc9), _sre.unicode_tolower(0x130))
try:
    _sre.compile('a', 0, [99, 1], 0, {}, (None,))
except RuntimeError as e:
    print('RuntimeError', e)
try:
    _sre.compile('a', 0, [15, 0, 1], 0, {}, (None,))
except RuntimeError as e:
    print('RuntimeError', e)
