# Native loops (map, filter, sorted's key, max, reduce, the old sequence
# protocol, re.sub's function) calling a small Python function that drops a
# big list at every call, in a child process whose address space is limited.
# Each loop drops about 1.6 GB in all: unless the garbage is collected while
# the native loop runs, the child fails. The function has no loop and makes
# no Python call of its own.
from _limited import child as run_child


def child(label, code):
    run_child(label, code, 22, timeout=300)


PRELUDE = """
N = 20_000
def big(i):
    return len([i] * 10000) - 10000 + i
"""

child("sum(map)", PRELUDE + "print(sum(map(big, range(N))))")
child("any(map)", PRELUDE + "print(any(map(lambda i: big(i) < 0, range(N))))")
child("list(filter)", PRELUDE + "print(len(list(filter(lambda i: len([i] * 10000) and i % 7 == 0, range(N)))))")
child("sorted(key)", PRELUDE + "r = sorted(range(N), key=lambda i: len([i] * 10000) - i)\nprint(r[0], r[-1])")
child("max(key)", PRELUDE + "print(max(range(N), key=lambda i: len([i] * 10000) * 0 + (i * 7919) % N))")
child("functools.reduce", PRELUDE + "import functools\nprint(functools.reduce(lambda a, i: a + len([i] * 10000) - 9999, range(N), 0))")
child("old sequence protocol", PRELUDE + """
class Seq:
    def __getitem__(self, i):
        if i >= N:
            raise IndexError(i)
        return len([i] * 10000) - 10000 + i
print(sum(Seq()))
""")
child("re.sub(function)", PRELUDE + "import re\nprint(len(re.sub('a', lambda m: str(len([0] * 10000)), 'a' * N)))")
