# Instances of a property subclass have their own attributes, and the
# subclass's __get__/__set__/__delete__ replace property's behaviour (class
# access included), while property's own methods still work through super.
class InstanceProperty(property):
    """Returns classval on class access."""
    def __init__(self, fget=None, fset=None, fdel=None, doc=None, classval=None):
        self.classval = classval
        property.__init__(self, fget=fget, fset=fset, fdel=fdel, doc=doc)
    def __get__(self, obj, type=None):
        if obj is None:
            return self.classval
        return property.__get__(self, obj, type)

class Logged(property):
    log = []
    def __set__(self, obj, value):
        self.log.append(("set", value))
        super().__set__(obj, value * 10)
    def __delete__(self, obj):
        self.log.append(("del",))
        super().__delete__(obj)

class C:
    def _get(self):
        "the value"
        return self._v
    def _set(self, v):
        self._v = v
    def _del(self):
        del self._v
    val = InstanceProperty(_get, _set, _del, classval="on the class")
    logged = Logged(_get, _set, _del)

c = C()
c.val = 3
print(C.val, c.val, C.__dict__["val"].classval, C.__dict__["val"].__doc__)
c.logged = 4
print(c.logged, Logged.log)
del c.logged
print(hasattr(c, "_v"), Logged.log)
p = C.__dict__["val"]
p.extra = [1, 2]
print(p.extra, sorted(k for k in vars(p) if k != "__doc__"))
q = p.setter(lambda self, v: setattr(self, "_v", -v))
print(type(q).__name__, q.classval, q.fget is p.fget)

class Slotted(property):
    __slots__ = ()
try:
    Slotted(lambda s: 1)
except AttributeError as e:
    print("AttributeError:", e)
s = property(lambda s: 1)
try:
    s.extra = 1
except AttributeError as e:
    print("AttributeError:", e)
