# Native alignment against standard (packed) layouts.
import sys
sys.path.append('/usr/lib/python3.11')
import struct

for fmt in ['c', 'ci', 'ch', 'cq', 'cd', 'bhiq', 'qhb', 'cP', 'c?', 'ce', 'cf', 'hc', 'ic',
            'c3i', 'cn', 'cN', '3sH', '5pd', 'xi', 'ix', 'i0l', 'c0q', 'b0h', '@ci', '=ci',
            '<ci', '>ci', '!ci', '7x', '2e', '10s2i', 'b?h?i?q']:
    print(repr(fmt), struct.calcsize(fmt))

print(struct.pack('ci', b'*', 0x01020304))
print(struct.pack('=ci', b'*', 0x01020304))
print(struct.pack('>ci', b'*', 0x01020304))
print(struct.pack('bq', 1, 2))
print(struct.unpack('chq', b'A\x00\x05\x00\x00\x00\x00\x00' + (9).to_bytes(8, 'little')))
print(struct.pack('llh0l', 1, 2, 3))
print(struct.calcsize('P'), struct.calcsize('n'), struct.calcsize('e'), struct.calcsize('?'))
print(struct.calcsize('<q') == 8, struct.calcsize('<l'), struct.calcsize('l'))
