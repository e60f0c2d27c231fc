# Flags: IGNORECASE (unicode, ASCII, LOCALE), MULTILINE, DOTALL, VERBOSE,
# ASCII, inline and scoped flags, and Unicode character classes.
import sys; sys.path.append('/usr/lib/python3.11')
import re

def fa(pat, s, flags=0):
    try:
        print(repr(pat), flags, re.findall(pat, s, flags))
    except Exception as e:
        print(repr(pat), type(e).__name__, e)

fa('abc', 'ABC aBc abc', re.I)
fa('[a-z]+', 'Hello WORLD', re.I)
fa('straße', 'STRASSE Straße', re.I)
fa('[k]', 'K k \u212a', re.I)
fa('k', 'K k \u212a', re.I)
fa('k', 'K k \u212a', re.I | re.A)
fa('[k-m]+', 'KLM \u212a', re.I)
fa('σ', 'Σσς', re.I)
fa('[σ]', 'Σσς', re.I)
fa('ǆ', 'ǄǅǆDž', re.I)
fa('İ', 'i İ ı I', re.I)
fa(r'(\w)\1', 'aA Bb cc', re.I)
fa(r'(é)\1', 'éÉ', re.I)
fa(r'\w+', 'naïve café 123 _x')
fa(r'\w+', 'naïve café 123 _x', re.A)
fa(r'\d+', '12 ٣٤ ５')
fa(r'\d+', '12 ٣٤ ５', re.ASCII)
fa(r'\s+', 'a\u00a0b\u2003c\x1cd')
fa(r'\s+', 'a\u00a0b\u2003c\x1cd', re.A)
fa(r'\bé\w*', 'été éa')
fa(r'\bé\w*', 'été éa', re.A)
fa('^\\w+$', 'one\ntwo\nthree', re.M)
fa('^\\w+$', 'one\ntwo', 0)
fa('x$', 'x\nx\n', re.M)
fa('a.c', 'abc a\nc', re.S)
fa('a.c', 'abc a\nc')
fa(r'''
    (\d+)   # number
    \s*     # space
    ([a-z]+) # unit
''', '10 kg, 5m', re.X)
fa('(?i)abc', 'ABC')
fa('a(?i:b)c', 'aBc aBC')
fa('(?i)a(?-i:b)c', 'ABC AbC')
fa('(?s:.)x|.y', '\nx \ny')
fa('(?m)^a', 'a\na')
fa('(?x) a b # c', 'ab')
fa('(?a)\\w+', 'héllo')
fa('(?u)\\w+', 'héllo')
fa(b'(?i)abc', b'ABC abc')
fa(b'\\w+', b'caf\xe9 ok')
fa(b'[a-z]+', b'Hello', re.I)
fa(b'abc', b'ABC', re.I | re.L)
fa(b'[a-c]+', b'ABCD', re.I | re.L)
fa(b'\\w+', b'ab_1 \xe9', re.L)
fa(b'(a)\\1', b'aA', re.I | re.L)
fa('(?L)a', 'a')
fa('a', 'a', re.L)
fa(b'a', b'a', re.U)
fa('a', 'a', re.A | re.U)

for f in (re.I, re.M | re.S, re.X | re.A, re.I | re.L, re.U, 0):
    print(re.compile(b'x' if f & re.L else 'x', f))
print(re.compile('x', re.I | re.DEBUG & 0 | 512))
print(re.compile(b'y', re.I).flags, re.compile('y').flags, re.compile('(?i)y').flags)
print(repr(re.I), repr(re.I | re.M), re.NOFLAG, re.RegexFlag(2))
