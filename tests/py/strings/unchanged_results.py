# Methods whose result equals an exact str/bytes receiver give the receiver
# itself; a subclass receiver gets an exact copy.


class Name(str):
    pass


class Blob(bytes):
    pass


word = "".join(["ka", "yak"])
sub = Name("kayak")
for label, fn in [
    ("removeprefix miss", lambda s: s.removeprefix("zz")),
    ("removeprefix empty", lambda s: s.removeprefix("")),
    ("removesuffix miss", lambda s: s.removesuffix("zz")),
    ("removesuffix empty", lambda s: s.removesuffix("")),
    ("times one", lambda s: s * 1),
    ("one times", lambda s: 1 * s),
    ("times two", lambda s: s * 2),
]:
    r1, r2 = fn(word), fn(sub)
    print(label, repr(r1), r1 is word, type(r2).__name__, r2 is sub, r2 == sub)

data = bytes(range(65, 70))
blob = Blob(b"xyz")
ba = bytearray(b"qq")
print("bytes*1", data * 1 is data, 1 * data is data, data * 2 is data)
print("subclass*1", type(blob * 1).__name__, blob * 1 is blob)
print("bytearray*1", ba * 1 is ba, ba * 1 == ba)

# hex(): a separator given (None too) must be a length-1 str or bytes.
for args in [(None,), (None, 0), (":",), (b"-", 2), (":", 0), (7,)]:
    try:
        print("hex", args, data.hex(*args), memoryview(data).hex(*args))
    except Exception as e:
        print("hex", args, type(e).__name__, e)
