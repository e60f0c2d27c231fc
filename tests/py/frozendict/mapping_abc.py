# frozendict and collections.abc: a registered Mapping (not a
# MutableMapping), Hashable, Reversible; its views are KeysView, ValuesView
# and ItemsView; the Mapping mixins apply.
try:
    frozendict
except NameError:
    from _fdref import frozendict
import collections.abc as cabc

fd = frozendict(a=1, b=2)
for name in ("Mapping", "MutableMapping", "Hashable", "Reversible", "Collection",
             "Iterable", "Sized", "Container", "Sequence"):
    print(name, isinstance(fd, getattr(cabc, name)), issubclass(frozendict, getattr(cabc, name)))
print(isinstance(fd.keys(), cabc.KeysView), isinstance(fd.values(), cabc.ValuesView),
      isinstance(fd.items(), cabc.ItemsView), isinstance(fd.keys(), cabc.Set))
print(isinstance(fd.items(), cabc.Set), isinstance(fd.values(), cabc.Set))
print(isinstance(iter(fd), cabc.Iterator), isinstance(fd, dict))


class FD(frozendict):
    pass


print(isinstance(FD(), cabc.Mapping), issubclass(FD, cabc.MutableMapping))
import json
print(json.dumps(dict(fd)))
