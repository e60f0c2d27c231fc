# bytes subclasses: instances keep their class, carry attributes, and mix into enums.
class B(bytes): pass
b = B(b"ab"); print(type(b), b, repr(b), B(3), type(B([1,2])), b + b'c', b == b'ab', hash(b) == hash(b'ab'), b[0], b.upper(), type(b.upper()), len(b))
b.x = 5; print(b.x, b.__dict__, bytes(b), type(bytes(b)), b.decode(), B(), isinstance(b, bytes))
class S(str): pass
print(type(S("x")))
from enum import Enum
class E(bytes, Enum):
    A = b'a'
    B = b'bb'
print(E.A, repr(E.B), E(b'a'), E.B.value, E.A + b'!', list(E))
class C(bytes):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)
print(C(b'x'), type(C(b'x')))
class HasB:
    def __bytes__(self): return b'hb'
print(B(HasB()), type(B(HasB())), bytes(HasB()))
