# ValueError from int() of a bad literal, raised inside a lambda in map.
raw = ["1", "2", "x3"]
print(sum(map(lambda s: int(s), raw[:2])))
print(sum(map(lambda s: int(s), raw)))
