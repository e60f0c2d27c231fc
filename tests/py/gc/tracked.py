# gc.is_tracked follows CPython's rule for builtin types (atoms untracked,
# containers and instances tracked, tuples and dicts of atoms untracked
# after a collection); gc.get_referents gives what a user sees inside.
import gc, sys
def f(): yield 1
class C:
  def m(self): pass
  @property
  def p(self): pass
class S:
  __slots__=('a',)
def g():
  x=1
  def h(): return x
  return h
try: 1/0
except Exception as e: ex=e
gc.collect()
d={1:2}
for n,x in [('module',sys),('cell',g().__closure__[0]),('method',C().m),('property',C.__dict__['p']),('builtin',len),('gen',f()),('exc',ex),('staticmethod',staticmethod(len)),('mappingproxy',C.__dict__),('keys',d.keys()),('setiter',iter({1})),('super',super(C,C())),('member',S.__dict__['a']),('bigint',2**100),('strsub', type('S',(str,),{})('a')),('intsub',type('I',(int,),{})(1)), ('bool',True),('bytes_iter',iter(b'')),('range_iter',iter(range(3))),('str_iter',iter('ab')),('dict_iter',iter({})),('zip',zip()),('map',map(len,[])),('enumerate',enumerate([])),('classmethod',classmethod(len)),('NoneType',type(None)),('listsub',type('L',(list,),{})()),('emptytuple',()),('nested_tuple',((1,2),)),('tuple_with_str',('a',1.5,None)),('dict_nested',{1:(1,2)}),('dict_strkey',{'a':'b'}),('obj',object()),('slots', S()), ('C', C), ('int', int), ('lambda', lambda: 0), ('code', f.__code__), ('str','x'), ('float', 1e300*10), ('complex', 1j), ('bytearray', bytearray()), ('range', range(2)), ('slice', slice(1)), ('set', set()), ('fs', frozenset()), ('list', []), ('dict', {}), ('tuple_list', (1, [])), ('dict_list', {1: []})]:
  print(n, gc.is_tracked(x))
l=[1,'a',None]; print(gc.get_referents(l))
print(gc.get_referents((1,2,3)))
print(gc.get_referents({1:'a', 2:'b'}))
print(gc.get_referents({'a':1, 'b':2}))
print(gc.get_referents({3,4}), gc.get_referents(frozenset([5])))
print(gc.get_referents(1, 'x', None, 2.5))
c = C(); c.x = 5; dd = c.__dict__
r = gc.get_referents(c); print(len(r), r[-1] is C, r[0] == {'x': 5})
s = S(); s.a = 7; print(gc.get_referents(s))
print(gc.get_referents(g().__closure__[0]))
m = c.m; r = gc.get_referents(m); print(r[0] is C.m, r[1] is c)
print(gc.get_referents(sys)[0] is sys.__dict__)
class L(list): pass
l=L([1,2]); l.a=3
print(gc.get_referents(l))
print(gc.get_referents([1], (2,), {3: 4}))
print(gc.get_referents(int), gc.get_referents(object()))
# get_referents of several objects at once, and of nested containers.
outer = [[1, 2], {"k": (3, 4)}]
r = gc.get_referents(outer)
print(r[0] is outer[1], r[1] is outer[0])
print(gc.get_referents(*r))
# Referents stay valid after collections.
for i in range(3):
    gc.collect(i % 3)
print(r, outer)
# Objects whose referents are plain to see.
import collections
print(gc.get_referents(slice(1, "b", None)), gc.get_referents(collections.deque([1, "two", (3,)])))
lst = [4, 5]
print(gc.get_referents(iter(lst))[0] is lst, gc.get_referents({7: 8}.keys()))
try:
    1 / 0
except ZeroDivisionError as e:
    print([type(x).__name__ for x in gc.get_referents(e)])
