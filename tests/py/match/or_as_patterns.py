# OR patterns and AS patterns.
def classify(v):
    match v:
        case 0 | 1 | 2 as small:
            return f"small {small}"
        case "a" | "e" | "i" | "o" | "u" as vowel:
            return f"vowel {vowel}"
        case [x, 0] | [0, x]:
            return f"has zero, other {x}"
        case (int() | float()) as num if num > 100:
            return f"big number {num}"
        case [int(a), int(b)] as pair:
            return f"int pair {pair} sum {a + b}"
        case {"k": (1 | 2) as k}:
            return f"k is {k}"
        case str() as s:
            return f"other string {s!r}"
        case _:
            return "other"

for v in [0, 2, "e", "z", [5, 0], (0, 9), 101, 100.5, 50, [3, 4], {"k": 2}, {"k": 3}]:
    print(repr(v), "->", classify(v))

def nested_as(v):
    match v:
        case [(1 | 2) as first, [_, _] as inner] as whole:
            return first, inner, whole
print(nested_as([2, (3, 4)]))

def or_order(v):
    match v:
        case [1, *_] | [*_, 1]:
            return "starts or ends with 1"
        case _:
            return "no 1 at edges"
print(or_order([1, 5]), or_order([5, 1]), or_order([5, 1, 5]))

def as_capture_whole(v):
    match v:
        case _ as everything:
            return everything
print(as_capture_whole("all"))

class Cmd:
    __match_args__ = ("name",)
    def __init__(self, name):
        self.name = name
def cmd(c):
    match c:
        case Cmd("quit" | "exit") as q:
            return "stopping via " + q.name
        case Cmd(("go" | "move") as verb):
            return "moving via " + verb
        case Cmd(other):
            return "unknown command " + other
print(cmd(Cmd("exit")), cmd(Cmd("move")), cmd(Cmd("jump")))

def or_with_none(v):
    match v:
        case None | False:
            return "falsy singleton"
        case True | 1:
            return "true-ish"
print(or_with_none(None), or_with_none(False), or_with_none(0), or_with_none(1))
