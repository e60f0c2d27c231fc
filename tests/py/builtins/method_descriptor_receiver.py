for f in (lambda: list.append(5, 1), lambda: str.upper(3), lambda: dict.get([], 1), lambda: int.__add__('a', 1),
          lambda: list.__len__(()), lambda: set.add(frozenset(), 1), lambda: bytes.decode(bytearray(b'x'))):
    try:
        print(f())
    except TypeError as e:
        print(e)
print(list.append([], 1), str.upper("a"), int.__add__(True, 1), object.__repr__(5)[:13], dict.get({1: 2}, 1))
class L(list): pass
l = L(); list.append(l, 3); print(l)
