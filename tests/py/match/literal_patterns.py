# Literal patterns.
def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2j:
            return "imaginary"
        case 1 + 2j:
            return "complex literal"
        case "hello":
            return "greeting"
        case "":
            return "empty string"
        case b"raw":
            return "bytes"
        case True:
            return "True singleton"
        case False:
            return "False singleton"
        case None:
            return "None"
        case _:
            return "other " + repr(v)

for v in [0, 1, 3, -1, 1.5, 2j, 1 + 2j, "hello", "", b"raw", True, False, None,
          0.0, 1.0, "Hello", b"", 4, [], "raw"]:
    print(repr(v), "->", describe(v))

def bool_vs_int(v):
    match v:
        case True:
            return "matched True"
        case 1:
            return "matched 1"
        case _:
            return "no"
print(bool_vs_int(1), bool_vs_int(True), bool_vs_int(1.0))

def concat(v):
    match v:
        case "ab" "cd":
            return "implicit concatenation"
        case f:
            return "capture " + f
print(concat("abcd"), concat("ab"))

def negative_float(v):
    match v:
        case -0.5:
            return "minus half"
        case -1 - 1j:
            return "negative complex"
        case _:
            return "none"
print(negative_float(-0.5), negative_float(complex(-1, -1)), negative_float(0.5))

def eq_semantics(v):
    match v:
        case 3:
            return "equal to 3"
    return "fell through"
class Three:
    def __eq__(self, o):
        return o == 3
print(eq_semantics(3.0), eq_semantics(Three()), eq_semantics("3"))
print(eq_semantics(4))
