# Pattern.match/search/fullmatch and the Match object's API.
import sys; sys.path.append('/usr/lib/python3.11')
import re

p = re.compile(r'(?P<first>\w+) (?P<last>\w+)(?P<tail>!)?')
m = p.match('Ada Lovelace wrote')
print(m)
print(m.group(), m.group(0), m.group(1), m.group('last'))
print(m.group(1, 'last', 0))
print(m.groups(), m.groups('-'))
print(m.groupdict(), m.groupdict(0))
print(m.start(), m.end(), m.span(), m.span(2), m.start('last'), m.end('tail'))
print(m.span('tail'), m.start(3))
print(m.regs)
print(m.lastindex, m.lastgroup)
print(m.pos, m.endpos, m.re is p, m.string)
print(m[0], m[1], m['first'])
print(m.expand(r'\2, \1 (\g<first>) \g<0>'))
import copy
print(copy.copy(m) is m, copy.deepcopy(m) is m)

# lastindex / lastgroup follow the last group closed
m = re.match(r'(a)(b)?((c)|d)', 'acx')
print(m.lastindex, m.lastgroup, m.groups())
m = re.match(r'(?P<x>a)(?P<y>b)', 'ab')
print(m.lastindex, m.lastgroup)
m = re.match(r'(a)(?:b)', 'ab')
print(m.lastindex, m.lastgroup)
print(re.match('a', 'a').lastindex)

# match / search / fullmatch with pos and endpos
p = re.compile(r'\d+')
print(p.match('ab123cd'), p.match('ab123cd', 2), p.match('ab123cd', 2, 4))
print(p.search('ab123cd', 3), p.search('ab123cd', 5))
print(p.fullmatch('123'), p.fullmatch('123x'), p.fullmatch('x123x', 1, 4))
print(p.search('123', -5, 100), p.search('123', 10), p.search('123', 2, 1))
m = p.search('xx12yy', pos=1, endpos=4)
print(m, m.pos, m.endpos)
print(re.compile('^a').search('ba', 1), re.compile('^a', re.M).search('b\na', 1))
print(re.compile('a$').search('ab', 0, 1))
print(re.fullmatch('a|ab', 'ab'), re.fullmatch('a*?', 'aaa'), re.fullmatch('', ''))
print(re.match('', 'abc', ), re.search('$', 'abc'))

# repr truncates the match to 50 characters of its repr
print(re.match('.*', 'x' * 80))
print(re.match(b'.+', b'bytes \x00\xff'))

# group errors
m = re.match(r'(a)(?P<n>b)', 'ab')
for g in (3, -1, 'nope', 2**80, 1.5):
    try:
        print(m.group(g))
    except Exception as e:
        print(type(e).__name__, e)
for f in (m.start, m.end, m.span, m.__getitem__):
    try:
        f(7)
    except IndexError as e:
        print('IndexError', e)
try:
    m.group([])
except Exception as e:
    print(type(e).__name__, e)
print(m.group(True), m.start(False))
