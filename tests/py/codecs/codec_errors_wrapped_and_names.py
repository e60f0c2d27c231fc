# A codec's own exception is rewrapped with the codec's name when it holds
# nothing but a message; names are normalised before the search functions.
import codecs


class Plain(RuntimeError):
    pass


class WithInit(RuntimeError):
    def __init__(self, msg):
        super().__init__(msg)


class WithSlots(RuntimeError):
    __slots__ = ("extra",)


raised = {}


def make(exc_factory):
    def fail(*args):
        raise exc_factory()

    return codecs.CodecInfo(fail, fail, name="failing_codec")


def search(name):
    if name.startswith("failing_"):
        return make(raised[name])
    return None


codecs.register(search)

cases = {
    "failing_by_type": lambda: RuntimeError,
    "failing_by_value": lambda: RuntimeError("with a message"),
    "failing_subclass": lambda: Plain("sub"),
    "failing_init": lambda: WithInit("own init"),
    "failing_two_args": lambda: RuntimeError("a", "b"),
    "failing_int_arg": lambda: RuntimeError(5),
    "failing_oserror": lambda: OSError(2, "no file"),
    "failing_lookup": lambda: LookupError("lookup"),
    "failing_slots": lambda: WithSlots("slots"),
}


def attributed():
    e = RuntimeError("has attrs")
    e.note = 1
    return e


cases["failing_attributes"] = attributed
for name, factory in cases.items():
    raised[name] = factory
    for label, call in [
        ("codecs.encode", lambda: codecs.encode("text", name)),
        ("codecs.decode", lambda: codecs.decode(b"data", name)),
        ("str.encode", lambda: "text".encode(name)),
        ("bytes.decode", lambda: b"data".decode(name)),
    ]:
        try:
            call()
        except Exception as e:
            cause = type(e.__cause__).__name__ if e.__cause__ else None
            print(name, label, type(e).__name__, str(e), cause, e.__suppress_context__)

for data, codec in [(b"abc", "hex_codec"), (b"not zlib", "zlib_codec")]:
    try:
        codecs.decode(data, codec)
    except Exception as e:
        print(codec, type(e).__name__, str(e)[:60], type(e.__cause__).__name__)

# Names reach the search functions as CPython normalises them.
seen = []


def spy(name):
    seen.append(name)
    return None


codecs.register(spy)
for name in ["AAA-8", "aaa   8", "aaa\xe9\u20ac-8", "Aaa.8", "--lead-and-trail--", "x..y"]:
    try:
        codecs.lookup(name)
    except LookupError as e:
        print("lookup:", e)
codecs.unregister(spy)
print(seen)

# Decoders that take bytes-like input only.
for decoder in (codecs.utf_7_decode, codecs.utf_16_ex_decode, codecs.charmap_decode):
    try:
        decoder("text")
    except TypeError as e:
        print(decoder.__name__, e)
print(codecs.escape_decode("a\\x41"), codecs.readbuffer_encode("ab"))

# surrogatepass knows UTF-8 by CPython's spellings of its name.
for enc in ["utf-8", "UTF8", "Utf_8", "utf 8", "utf--8", "CP_UTF8"]:
    se = UnicodeEncodeError(enc, "a\udcff", 1, 2, "surrogates not allowed")
    try:
        print(enc, codecs.lookup_error("surrogatepass")(se))
    except UnicodeEncodeError:
        print(enc, "not handled")
