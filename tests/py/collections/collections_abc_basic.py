import collections.abc
from collections.abc import *
import collections
print(collections.abc is collections.abc, collections.abc.__name__)
for v in [[], (), "", {}, set(), frozenset(), range(3), iter([]), (x for x in []), 1, None, b"", len, {}.keys(), {}.items(), {}.values()]:
    print(type(v).__name__, [c.__name__ for c in (Hashable, Iterable, Iterator, Sized, Container, Collection, Sequence, MutableSequence, Mapping, MutableMapping, Set, MutableSet, Callable, Generator, Reversible) if isinstance(v, c)])
class S(Sequence):
    def __init__(self, d): self.d = d
    def __getitem__(self, i): return self.d[i]
    def __len__(self): return len(self.d)
s = S([1, 2, 3, 2])
print(list(s), 2 in s, s.index(2), s.count(2), list(reversed(s)), isinstance(s, Iterable))
class M(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
m = M(); m.update(a=1, b=2); m.setdefault("c", 3)
print(dict(m), m.get("z", 0), list(m.keys()), list(m.items()), m.pop("a"), len(m), m == {"b": 2, "c": 3})
try:
    S2 = type("S2", (Sequence,), {})
    S2()
except TypeError as e:
    print("TypeError:", e)
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(issubclass(It, Iterator), issubclass(It, Iterable), issubclass(int, Iterable))
