# re.error for bad patterns (message, position, line and column), type
# errors for mixed str/bytes, and argument errors.
import sys; sys.path.append('/usr/lib/python3.11')
import re

for pat in ['(', ')', '[a', 'a**', '(?P<1>x)', '(?P<a>x)(?P<a>y)', r'\1',
            'a{2,1}', '(?<=a+)b', '(?z)', 'x\n(', '*a', r'\p', '(?P=nope)',
            '(?(2)a|b)', '[z-a]', r'\x4', 'a{1,2}{3}', '(?i', '(?#x', b'\\u1234']:
    try:
        re.compile(pat)
        print(repr(pat), 'compiled')
    except re.error as e:
        print(repr(pat), '|', e, '|', e.msg, e.pos, e.lineno, e.colno)

p = re.compile('a')
for call in (lambda: p.match(b'a'), lambda: re.compile(b'a').search('a'),
             lambda: p.findall(1), lambda: p.sub('x', None),
             lambda: p.match('a', 'x'), lambda: p.match('a', 2**70),
             lambda: p.split(b'a'), lambda: re.compile(b'a').sub('x', b'a'),
             lambda: p.match(), lambda: p.match('a', bad=1),
             lambda: p.search('a', 0, 1, 2), lambda: re.Pattern(),
             lambda: re.Match(), lambda: p.scanner(3)):
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
m = re.match('(a)', 'a')
try:
    m.expand(r'\2')
except re.error as e:
    print('error', e)
try:
    m.groups(1, 2)
except TypeError as e:
    print('TypeError', e)
