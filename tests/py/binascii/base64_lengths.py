# binascii's base64 at every short length and around the group edges:
# round trips, the newline flag, characters outside the alphabet between
# groups, padding placement, strict mode and the errors of bad lengths.
import binascii

data = bytes((i * 37 + 11) % 256 for i in range(70))
for n in range(0, 70, 1):
    chunk = data[:n]
    enc = binascii.b2a_base64(chunk)
    bare = binascii.b2a_base64(chunk, newline=False)
    assert enc == bare + b"\n", n
    assert binascii.a2b_base64(enc) == chunk, n
    assert binascii.a2b_base64(bare.decode()) == chunk, n
    if n % 9 == 0:
        print(n, bare)

# Junk between and inside groups is skipped (not in strict mode).
s = binascii.b2a_base64(b"hello, world!!", newline=False)
for cut in range(len(s) + 1):
    assert binascii.a2b_base64(s[:cut] + b" \n*" + s[cut:]) == b"hello, world!!", cut
print(binascii.a2b_base64(b"aGVs\nbG8=\n"), binascii.a2b_base64(b"a G V s b G 8 ="))

# Padding: what follows complete padding is ignored; extra '=' are skipped.
for s in [b"aGVsbG8=", b"aGVsbG8==", b"aGVsbA==", b"aGVsbA=", b"aGVsbA", b"aGVs=bG8=",
          b"aGVsbG8=trailing", b"=aGVs", b"aGVsbA==aGk="]:
    try:
        print(s, binascii.a2b_base64(s))
    except binascii.Error as e:
        print(s, "Error:", e)

# Strict mode.
for s in [b"aGVsbG8=", b"=aGVs", b"aGVs bG8=", b"aGVsbA==x", b"aGVs=bG8="]:
    try:
        print("strict", s, binascii.a2b_base64(s, strict_mode=True))
    except binascii.Error as e:
        print("strict", s, "Error:", e)

# A number of data characters one more than a multiple of four.
for s in [b"a", b"aGVsb", b"aGVsbG8xa", b"a===", b"aGVsb===="]:
    try:
        print(s, binascii.a2b_base64(s))
    except binascii.Error as e:
        print(s, "Error:", e)

big = bytes(range(256)) * 400
assert binascii.a2b_base64(binascii.b2a_base64(big)) == big
print(len(binascii.b2a_base64(big)), binascii.b2a_base64(big)[-12:])
