# Bytes patterns against bytes, bytearray and memoryview subjects.
import sys; sys.path.append('/usr/lib/python3.11')
import re

p = re.compile(rb'(\d+)([a-z]*)')
for s in (b'x12ab', bytearray(b'x12ab'), memoryview(b'x12ab')):
    m = p.search(s)
    print(type(s).__name__, m.span(), m.groups(), type(m.group(1)).__name__)
print(p.findall(bytearray(b'1a 2b')), p.sub(rb'\2\1', bytearray(b'1a 2b')))
print(p.sub(lambda m: m.group(2), memoryview(b'1a 2b')))
print(re.split(rb'\s', bytearray(b'a b')), re.fullmatch(rb'\x00\xff', b'\x00\xff'))
print(re.search(rb'[\x80-\xff]+', b'abc\x80\x90def'))
print(re.match(rb'(?P<h>\w+)', b'hi').groupdict())
print(re.compile(rb'\bx\b').findall(b'x xx x'))
print(re.escape(b'a.b'), re.escape('a.b*c'))
