# _thread.RLock subclasses: a dict (or __slots__) for the subclass's instances, none for RLock's own
import _thread
print(type(_thread.RLock(1, 2, x=3)).__name__)
class R(_thread.RLock):
    __slots__ = ('a',)
r = R(); r.a = 5; print(r.a)
try:
    r.b = 1
except AttributeError as e:
    print('AE', e)
class S(_thread.RLock):
    def __init__(self, n): self.n = n
s = S(4); print(s.n); s.acquire(); print(s._is_owned()); s.release(); print(s._is_owned())
try:
    class T(_thread.RLock, dict): pass
    T()
except TypeError as e:
    print('TE', e)
print([c.__name__ for c in R.__mro__])
print(hasattr(_thread.RLock(), '__dict__'), hasattr(s, '__dict__'), s.__dict__)
try:
    _thread.RLock().y = 2
except AttributeError as e:
    print("AE", e)
with S(1) as x:
    print(type(x).__name__)
