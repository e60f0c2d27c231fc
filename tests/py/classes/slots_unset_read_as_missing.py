class S(dict):
    __slots__ = ("_root", "__p")
    def peek(self):
        return getattr(self, "_S__p", "none")
class T:
    __slots__ = ("a",)
s = S()
print(getattr(s, "_root", "default"), hasattr(s, "_root"), s.peek())
s._root = 5
print(getattr(s, "_root", "default"), hasattr(s, "_root"))
del s._root
try:
    s._root
except AttributeError as e:
    print("AttributeError:", e, e.name, e.obj is s)
t = T()
try:
    t.a
except AttributeError as e:
    print("AttributeError:", e, e.name)
T.alias = T.__dict__["a"]
try:
    t.alias
except AttributeError as e:
    print("AttributeError:", e, e.name)
print(getattr(t, "alias", 1), hasattr(t, "alias"))
try:
    object.__getattribute__(t, "a")
except AttributeError as e:
    print("AttributeError:", e)
class U(T):
    def __getattr__(self, n):
        return "fallback " + n
print(U().a, getattr(U(), "a", 2))

# the member's own __get__, called directly: an error without name/obj
class T2:
    __slots__ = ("a",)
t = T2()
try:
    T2.__dict__["a"].__get__(t, T2)
except AttributeError as e:
    print("AttributeError:", e, e.name, e.obj)
t.a = 3
print(T2.__dict__["a"].__get__(t, T2), getattr(t, "a", None))
