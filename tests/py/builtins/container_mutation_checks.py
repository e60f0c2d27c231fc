# Containers detect changes made to them while they are iterated, merged
# into another dict, or sorted.


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


def swap_key_while_iterating(view):
    inventory = {"apples": 3}
    seen = []
    for entry in view(inventory):
        seen.append(entry)
        del inventory["apples"]
        inventory["apples"] = 4
    return seen


attempt("keys", lambda: swap_key_while_iterating(lambda d: d))
attempt("items", lambda: swap_key_while_iterating(lambda d: d.items()))
attempt("values", lambda: swap_key_while_iterating(lambda d: d.values()))


def grow_while_iterating():
    d = {1: "a"}
    for k in d:
        d[k + 1] = "b"


attempt("grow", grow_while_iterating)

# Replacing a value keeps the size and the keys: no error.
def replace_values():
    d = dict.fromkeys("xyz", 0)
    for k in d:
        d[k] += 1
    return d


attempt("replace", replace_values)

# __length_hint__ of a dict iterator counts the items still to come.
d = {n: n * n for n in range(6)}
del d[2]
it = iter(d.items())
print("hint", it.__length_hint__())
next(it)
next(it)
print("hint", it.__length_hint__())
d["extra"] = 1
print("hint after growth", it.__length_hint__())


class Spoiler:
    armed = False

    def __init__(self, victim):
        self.victim = victim

    def __hash__(self):
        return 7

    def __eq__(self, other):
        if Spoiler.armed:
            self.victim.clear()
        return False


def merge_while_source_shrinks():
    source = {n: n for n in range(50)}
    source[Spoiler(source)] = "s"
    target = {Spoiler(source): "t"}
    Spoiler.armed = True
    try:
        target.update(source)
    finally:
        Spoiler.armed = False
    return len(target)


def merge_untouched():
    source = {n: n for n in range(50)}
    source[Spoiler(source)] = "s"
    target = {Spoiler(source): "t"}
    target.update(source)
    return len(target), len(source)


attempt("update", merge_while_source_shrinks)
attempt("update untouched", merge_untouched)


def sort_with(cmp_side_effect):
    from functools import cmp_to_key

    data = [5, 1, 4]

    def cmp(a, b):
        cmp_side_effect(data)
        return (a > b) - (a < b)

    data.sort(key=cmp_to_key(cmp))
    return data


attempt("sort untouched", lambda: sort_with(lambda d: None))
attempt("sort append+pop", lambda: sort_with(lambda d: (d.append(0), d.pop())))
attempt("sort append", lambda: sort_with(lambda d: d.append(0)))
attempt("sort clear", lambda: sort_with(lambda d: d.clear()))
attempt("sort len", lambda: sort_with(lambda d: len(d)))


# Merging one dict into another reuses the stored hashes.
class CountedHash:
    calls = 0

    def __hash__(self):
        CountedHash.calls += 1
        return 99


keys = {CountedHash(): n for n in range(4)}
keys.update({CountedHash(): 10})
CountedHash.calls = 0
merged = {}
merged.update(keys)
print("update hashes", CountedHash.calls, len(merged))
CountedHash.calls = 0
copied = dict(keys)
print("dict() hashes", CountedHash.calls, len(copied))
