# Bad pickles and unpicklable objects raise CPython's exceptions and
# messages, never crash.
import io
import pickle

bad = [
    b"", b".", b"\x80", b"\x80\x02", b"\x80\x06N.", b"N", b"K", b"J\x01\x02",
    b"X\x10\x00\x00\x00short", b"\x8c\x05ab", b"\xff", b"\x00", b"x",
    b"0.", b"1.", b"2.", b"(.", b"(N.", b"t.", b"a.", b"]Na.", b"N]a.", b"u.", b"}NNNu.",
    b"(Nd.", b"s.", b"b.", b"R.", b"NR.", b"NNR.", b"h\x00.", b"j\x00\x00\x01\x00.", b"g7\n.",
    b"p1\n.", b"Np-1\n.", b"q\x00.", b"\x94.", b"I\n.", b"Iabc\n.", b"I12", b"L12\n.",
    b"Labc\n.", b"F1.5x\n.", b"Fnope\n.", b"S'abc'\n.", b"Sabc\n.", b"S'a\\x4'\n.",
    b"T\x03\x00\x00\x00abc.", b"U\x02hi.", b"\x8a\xff.", b"\x8b\xff\xff\xff\xff.",
    b"cbuiltins\nlen", b"cnosuch_module_x\nname\n.", b"cbuiltins\nnosuch\n.",
    b"\x80\x04\x8c\x08builtins\x8c\x03len\x93.", b"\x80\x04N\x8c\x03len\x93.",
    b"\x80\x02N)\x81.", b"\x80\x02c__builtin__\nint\nN\x81.", b"Q.", b"P1\n.",
    b"\x82\x01.", b"\x82\x00.", b"\x97.", b"\x98.", b"\x95\x02\x00\x00\x00\x00\x00\x00\x00N",
    b"V\\u12\n.", b"X\x02\x00\x00\x00\xff\xfe.", b"\x8f(N\x90.", b"(\x91.",
    b"}(N\x80\x02u.",
]
for data in bad:
    try:
        r = pickle.loads(data)
        print(repr(data), "->", repr(r))
    except Exception as e:
        print(repr(data), "->", type(e).__name__ + ":", e)

# Trailing data is ignored; several pickles in one file load in turn.
print(pickle.loads(b"K\x05.garbage"))
f = io.BytesIO()
for v in (1, "two", [3]):
    pickle.dump(v, f, 2)
f.seek(0)
print([pickle.load(f) for _ in range(3)])
try:
    pickle.load(f)
except EOFError as e:
    print("EOFError:", e)

# Unpicklable objects.
def local_holder():
    def inner():
        pass
    return inner


class NoReduce:
    def __reduce_ex__(self, proto):
        raise TypeError("nope %d" % proto)


class BadReduce:
    def __init__(self, rv):
        self.rv = rv

    def __reduce__(self):
        return self.rv


for obj in [local_holder(), lambda: 0, NoReduce(), BadReduce(5), BadReduce(()), BadReduce((1, ())),
            BadReduce((list, 5)), BadReduce((list, (), None, 5)), BadReduce((list, (), None, None, 7)),
            BadReduce("no_such_global_here"), iter([])]:
    for proto in (0, 2, 4):
        try:
            pickle.dumps(obj, proto)
            print(type(obj).__name__, proto, "pickled")
        except Exception as e:
            print(type(obj).__name__, proto, type(e).__name__ + ":", str(e).split(" at 0x")[0])

# Deep nesting is a RecursionError, not a crash, both ways.
deep = []
for _ in range(100000):
    deep = [deep]
try:
    pickle.dumps(deep)
except RecursionError as e:
    print("RecursionError:", e)
blob = b"(" * 50000 + b"l" * 50000 + b"."
print(type(pickle.loads(blob)).__name__)

# Arguments.
for call in (lambda: pickle.dumps(1, 6), lambda: pickle.dumps(1, 2, buffer_callback=print),
             lambda: pickle.Pickler(io.BytesIO(), 9), lambda: pickle.Pickler(42),
             lambda: pickle.Unpickler(42), lambda: pickle.loads("str"),
             lambda: pickle.loads(b"N.", encoding=1)):
    try:
        call()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)


class NoInit(pickle.Pickler):
    def __init__(self):
        pass


try:
    NoInit().dump(1)
except pickle.PicklingError as e:
    print("PicklingError:", e)
print(issubclass(pickle.PicklingError, pickle.PickleError), pickle.PickleError.__module__)
