# Class keywords travel through __prepare__, a metaclass __new__ calling
# type.__new__ with **kwds, and __init_subclass__; the keyword-names tuple
# made on the way must survive the allocations of class creation (checked
# on the GC-stress build, which collects at every safepoint).
class Meta(type):
    @classmethod
    def __prepare__(metacls, name, bases, **kwds):
        print('prepare', name, sorted(kwds))
        return {'made_by': 'prepare'}

    def __new__(metacls, name, bases, ns, *, tag=None, **kwds):
        ns['tag'] = tag
        ns.update({f'attr{i}': [i] * 3 for i in range(20)})
        return super().__new__(metacls, name, bases, ns, **kwds)


class Named:
    # __set_name__ runs Python code (safepoints, allocations) during class
    # creation, before __init_subclass__ receives the keywords.
    def __set_name__(self, owner, name):
        self.name = name
        self.junk = [str(i) * 2 for i in range(50)]


class Base(metaclass=Meta):
    def __init_subclass__(cls, **kw):
        print('subclass', cls.__name__, sorted(kw.items()))
        super().__init_subclass__()


class Child(Base, tag='t', prefix='p', size=3):
    x = 1
    a = Named()
    b = Named()
    c = Named()


print(Child.tag, Child.made_by, Child.attr19, Child.x, Child.c.name)
D = type.__new__(Meta, 'D', (Base,), {'n': Named()}, colour='red')
print(type(D).__name__, D.__name__)
try:
    class Bad(Base, unknown_kw=1, **{'x': 2}):
        pass
except TypeError as e:
    print('TypeError', e)
