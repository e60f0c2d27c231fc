# sub/subn with templates and functions, split with groups, findall, finditer.
import sys; sys.path.append('/usr/lib/python3.11')
import re

print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'bob@home, amy@work'))
print(re.sub(r'(?P<k>\w+)=(?P<v>\w+)', r'\g<v>=\g<k>;\g<0>', 'a=1 b=2'))
print(re.sub('a', r'\n\t\\', 'bab'))
print(re.sub('x*', '-', 'abxd'))
print(re.sub('', '-', 'abc'))
print(re.subn(r'\d', '#', 'a1b2c3'), re.subn(r'\d', '#', 'a1b2c3', count=2))
print(re.sub(r'\d', '#', 'a1b2c3', 1))
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1b22c333'))
print(re.sub(r'(\d)|(x)', lambda m: m.group(1) or 'X', '1x2x'))
print(re.sub(r'(a)|b', r'[\1]', 'ab'))
print(re.sub('(?P<w>o)', r'\g<1>\g<w>', 'foo'))
print(re.sub('o', lambda m: None, 'foo') if False else 'skip')
print(re.compile('o').sub('0', 'foo boo', count=3))
print(re.sub('é', 'E', 'café été'), re.sub('(.)', r'\1\1', 'ñé'))
print(re.sub(b'(\\d)', b'<\\1>', b'a1b2'), re.subn(b'x', b'', b'xaxbx'))
print(re.sub('a', 'b', 'aaa', count=-1) if False else re.subn('a', 'b', 'aaa'))
try:
    re.sub('a', lambda m: 5, 'xay')
except TypeError as e:
    print('TypeError', e)
try:
    re.sub(b'a', lambda m: 'str', b'xay')
except TypeError as e:
    print('TypeError', e)
for bad in (r'\9', r'\g<nope>', r'\g<1', '\\'):
    try:
        re.sub('(a)', bad, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)

print(re.split(r',\s*', 'a, b,c,, d'))
print(re.split(r'(,)\s*', 'a, b,c'))
print(re.split(r'(a)|(b)', 'xaybz'))
print(re.split(r'\s+', ' lead and trail ', maxsplit=2))
print(re.split('x*', 'axbc'), re.split('', 'abc'), re.split(r'\b', 'hi there'))
print(re.split('(?=b)', 'abab'))
print(re.split(b'-', b'a-b--c'), re.split('z', ''), re.split('z', 'abc', -1))

print(re.findall(r'\d+', 'a1b22c333'))
print(re.findall(r'(\w)=(\d)?', 'a=1 b= c=3'))
print(re.findall(r'(\w)(?:=)', 'a= b='))
print(re.findall('', 'ab'), re.findall('a*', 'baab'))
print(re.compile(r'\w').findall('abcdef', 2, 4))
print([m.span() for m in re.finditer(r'x*', 'axxb')])
print([m.group() for m in re.compile(r'\w+').finditer('one two  three', 4)])
it = re.finditer('a', 'aa')
print(type(it).__name__, next(it), next(it), next(it, 'done'))
sc = re.compile(r'\d').scanner('1a2')
print(sc.match(), sc.match(), sc.search(), sc.search(), sc.search())
print(type(sc).__name__, type(sc).__module__, sc.pattern)
