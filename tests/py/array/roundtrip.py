# Each typecode: item size, construction, bytes round trip, list round trip.
import array

print(array.typecodes, array.ArrayType is array.array)
samples = {
    'b': [-128, 0, 127], 'B': [0, 7, 255], 'u': 'héllo',
    'h': [-32768, 5, 32767], 'H': [0, 65535], 'i': [-2**31, 2**31 - 1],
    'I': [0, 2**32 - 1], 'l': [-2**63, 2**63 - 1], 'L': [0, 2**64 - 1],
    'q': [-2**63, 42], 'Q': [2**64 - 1, 1], 'f': [0.5, -1.25], 'd': [1e300, -0.0],
}
for tc, init in samples.items():
    a = array.array(tc, init)
    raw = a.tobytes()
    b = array.array(tc)
    b.frombytes(raw)
    c = array.array(tc, raw)
    print(tc, a.itemsize, a.typecode, len(raw), a == b == c, a.tolist() == b.tolist(), repr(a))
    d = array.array(tc)
    if tc == 'u':
        d.fromunicode(init)
        print('  unicode', d.tounicode(), d == a)
    else:
        d.fromlist(list(init))
        print('  list', d.tolist(), d == a)
print(array.array('d', array.array('i', [1, 2])))
print(array.array('i', range(5)), array.array('d'), array.array('u'))
