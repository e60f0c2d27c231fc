# Instances of tuple subclasses carry an instance __dict__ (unless __slots__).
import copy
from enum import Enum


class P(tuple):
    pass


p = P((1, 2))
print(hasattr(p, '__dict__'), p.__dict__, vars(p))
p.tag = 'x'
print(p.tag, p.__dict__, vars(p), p, len(p), p[0], p == (1, 2), hash(p) == hash((1, 2)))
p.__dict__['other'] = 5
print(p.other, sorted(vars(p)))
del p.tag
print(p.__dict__)
try:
    del p.tag
except AttributeError as e:
    print('AttributeError', e)
d = {'k': 1}
p.__dict__ = d
print(p.__dict__ is d, p.k)
try:
    p.__dict__ = 3
except TypeError as e:
    print('TypeError', e)
e = P()
e.z = [1]
print(e, e.z, type(e).__name__, isinstance(e, tuple))

# exact tuples still have no dict
t = (1, 2)
try:
    t.x = 1
except AttributeError as e:
    print('AttributeError', e)
print(hasattr(t, '__dict__'))


class S(tuple):
    __slots__ = ()


s = S((3,))
try:
    s.x = 1
except AttributeError as e:
    print('AttributeError', e)
print(hasattr(s, '__dict__'))


class SS(S):
    pass


ss = SS((4, 5))
ss.y = 9
print(ss.y, ss.__dict__)


# properties and methods next to the dict
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    @property
    def y(self):
        return self[1]

    def __getnewargs__(self):
        return tuple(self)

    def norm2(self):
        return self.x ** 2 + self.y ** 2


pt = Point(3, 4)
pt.label = 'A'
print(pt, pt.x, pt.y, pt.norm2(), pt.label, pt.__dict__)
try:
    pt.x = 5
except AttributeError as e:
    print('AttributeError', e)

# copy and deepcopy keep the dict
c = copy.copy(pt)
print(type(c).__name__, c, c.__dict__, c.__dict__ is pt.__dict__)
q = P(([1], [2]))
q.meta = {'a': [1, 2]}
dq = copy.deepcopy(q)
print(dq, dq.meta, dq.meta is q.meta, dq[0] is q[0], type(dq).__name__)
cq = copy.copy(q)
print(cq, cq.meta is q.meta)


# Enum with a tuple mixin
class Planet(tuple, Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    @property
    def mass(self):
        return self[0]


print(Planet.EARTH, Planet.EARTH.value, Planet.EARTH.mass, Planet.EARTH.name)
print(Planet((3.303e+23, 2.4397e6)) is Planet.MERCURY, list(Planet))
print(Planet.EARTH.__dict__ is not None, isinstance(Planet.EARTH, tuple), len(Planet.EARTH))
print(Planet.EARTH[1], Planet.MERCURY < Planet.EARTH)


# __class__ assignment between compatible tuple subclasses
class P2(tuple):
    pass


p3 = P((7,))
p3.a = 1
for target in (P2, S, P):
    try:
        p3.__class__ = target
        print('assigned', type(p3).__name__)
    except TypeError as e:
        print('TypeError', e)
s3 = S((1,))
try:
    s3.__class__ = type('S2', (tuple,), {'__slots__': ()})
    print('assigned', type(s3).__name__, s3)
except TypeError as e:
    print('TypeError', e)


# __dict__ assignment on other builtin subclasses and exceptions
for base, arg in ((str, 'a'), (int, 1), (list, [1]), (frozenset, [1]), (bytes, b'z')):
    class Sub(base):
        pass
    inst = Sub(arg)
    nd = {'k': base.__name__}
    inst.__dict__ = nd
    print(base.__name__, inst.k, inst.__dict__ is nd, '__dict__' in Sub.__dict__)
ve = ValueError(1)
ve.__dict__ = {'note': 'n'}
print(ve.note, '__dict__' in BaseException.__dict__, '__dict__' in ValueError.__dict__)
try:
    ve.__dict__ = []
except TypeError as e:
    print('TypeError', e)

# many instances with dicts survive collections
objs = []
for i in range(2000):
    o = P((i, str(i)))
    o.sq = [i * i]
    objs.append(o)
garbage = 0
for i in range(200000):
    garbage += len([i, i])
print(sum(o.sq[0] for o in objs), objs[1234], objs[1234].__dict__)
print(tuple.__new__(P, [1, 2]).__dict__, type(tuple.__new__(P)).__name__)
try:
    tuple.__new__(int)
except TypeError as e:
    print('TypeError', e)
