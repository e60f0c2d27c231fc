# subclassing str
class Tag(str):
    def wrap(self):
        return "<" + self + ">"
t = Tag("div")
print(t, repr(t), t.wrap(), type(t).__name__, isinstance(t, str), t == "div", len(t))
print(type(t.upper()).__name__, type(t + "x").__name__, type(t[0]).__name__, type(t * 2).__name__, type(str(t)).__name__)
print({t: 1}["div"], {"div": 2}[t], t in ["div"], sorted([Tag("b"), "a", Tag("c")]))
class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, str(value).upper())
u = Upper("hello")
print(u, Upper(42), Upper([1, "a"]), u.lower(), type(u.lower()).__name__)
class Loud(str):
    def __str__(self):
        return "LOUD:" + self.upper()
    def __repr__(self):
        return "Loud(" + str.__repr__(self) + ")"
l = Loud("quiet")
print(l, repr(l), str(l), f"{l}", "%s" % l, "{}".format(l), [l], "x" + l)
class Eq(str):
    def __eq__(self, other):
        return str.__eq__(self.lower(), other.lower())
    __hash__ = str.__hash__
print(Eq("ABC") == "abc", "abc" == Eq("ABC"), Eq("ABC") != "abc", Eq("x") == "y")
class WithAttr(str):
    pass
w = WithAttr("text")
w.meta = {"lang": "en"}
print(w, w.meta, w.split("x"), w.__dict__)
