# PEP 678 exception notes (Python 3.11).
e = ValueError("base message")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second note")
print(e.__notes__)
print(str(e), repr(e))
try:
    e.add_note(42)
except TypeError as err:
    print("TypeError:", err)

def parse(text):
    try:
        return int(text)
    except ValueError as err:
        err.add_note(f"while parsing {text!r}")
        raise
try:
    parse("abc")
except ValueError as err:
    print(err, "|", err.__notes__)

try:
    try:
        raise KeyError("k")
    except KeyError as err:
        err.add_note("added in inner handler")
        raise RuntimeError("wrapper") from err
except RuntimeError as err:
    print(err.__cause__.__notes__, hasattr(err, "__notes__"))

e2 = TypeError("t")
e2.__notes__ = ["set directly"]
e2.add_note("appended")
print(e2.__notes__)

eg = ExceptionGroup("group", [ValueError("a")])
eg.add_note("group note")
print(eg.__notes__)
