# print() into an io.StringIO: the pieces are written in CPython's order
# (str of each argument, separator, end), a write found on the instance or
# a subclass is called instead of StringIO's, an argument whose __str__
# writes to the same stream lands before the argument's text, and a
# closed stream raises ValueError.
import io
from decimal import Decimal

s = io.StringIO()
print(1, "two", 3.5, None, Decimal("1.10"), file=s)
print("a", "b", sep="--", end="!\n", file=s)
print(file=s)
print("x", "y", sep="", end="", file=s)
print(repr(s.getvalue()))


class Sneaky:
    def __init__(self, stream):
        self.stream = stream

    def __str__(self):
        self.stream.write("[inside]")
        return "sneaky"


s = io.StringIO()
print("before", Sneaky(s), "after", file=s)
print(repr(s.getvalue()))

# A write of the instance's own.
s = io.StringIO()
calls = []
s.write = lambda text: calls.append(text)
print("p", 2, file=s)
print(calls, repr(s.getvalue()))


class Upper(io.StringIO):
    def write(self, text):
        return super().write(text.upper())


u = Upper()
print("hello", "world", file=u)
print(repr(u.getvalue()))

# Newline translation of the stream applies to print's pieces too.
s = io.StringIO(newline="\r\n")
print("line1", "line2", sep="\n", file=s)
print(repr(s.getvalue()))

# Writing at a position inside the text overwrites, as write does.
s = io.StringIO("abcdefgh")
s.seek(2)
print("XY", end="", file=s)
print(repr(s.getvalue()), s.tell())

s = io.StringIO()
s.close()
try:
    print("late", file=s)
except ValueError as e:
    print("ValueError:", e)

# A __str__ that fails: what was written before it stays.
class Bad:
    def __str__(self):
        raise RuntimeError("no str")


s = io.StringIO()
try:
    print("kept", Bad(), file=s)
except RuntimeError as e:
    print("RuntimeError:", e, repr(s.getvalue()))

# A __str__ returning a non-str.
class NotStr:
    def __str__(self):
        return 42


try:
    print(NotStr(), file=io.StringIO())
except TypeError as e:
    print("TypeError:", e)
