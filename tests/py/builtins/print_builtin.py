# print() with sep, end, file and flush
import sys
print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ")
print("a", "b", sep="\n")
print("no newline", end="")
print(" <- continued")
print("x", end="!\n")
print(1, 2.5, None, True, [1], {"k": 1}, (1,), sep="|")
print(sep="-", end="[empty]\n")
print("to stdout", file=sys.stdout)
print("flushed", flush=True)
print("sep None", "end None", sep=None, end=None)
print(*range(5))
print(*"abc", sep="+")
print(*[], sep="x")
for bad in [{"sep": 5}, {"end": 1}, {"bogus": 1}]:
    try:
        print("x", **bad)
    except TypeError as e:
        print(type(e).__name__, e)
class Writer:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
w = Writer()
print("captured", 42, sep=":", end=";", file=w)
print(w.parts)
print("multi\nline\ttab")
print("", "", sep="|")
sys.stdout.write("direct write\n")
print(repr(print("nested print returns")))
