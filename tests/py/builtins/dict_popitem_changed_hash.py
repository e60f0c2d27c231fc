# dict.popitem removes the last entry by its place, without hashing: a key
# whose hash changed since it was stored is popped all the same.
class K:
    n = 0
    def __hash__(self):
        K.n += 1
        return K.n
d = {K(): 1, K(): 2, "a": 3}
print(d.popitem())
print(d.popitem()[1], d.popitem()[1], len(d))
d = {i: i for i in range(10)}
del d[9]; del d[8]
print(d.popitem(), d.popitem(), len(d))
try: {}.popitem()
except KeyError as e: print(e)
