# A class whose __class__ cell is already shared (a method was registered in a
# module-level table while the body ran) keeps its __bases__ and __mro__
# through collections.
import gc

registry = []


def register(f):
    registry.append(f)
    return f


class Base:
    pass


class Mixin:
    __slots__ = ()


class Built(Base, Mixin):
    @register
    def which(self):
        return __class__

    def again(self):
        return super().__class__


for _ in range(3):
    gc.collect()
    junk = [str(i) * 3 for i in range(100000)]
    del junk
gc.collect()
print(Built.__bases__)
print(Built.__mro__)
print(Built.__base__, registry[0](Built()) is Built, Built().again())


class Meta(type):
    def __init__(cls, *args):
        super().__init__(*args)
        gc.collect()
        cls.seen = [b.__name__ for b in reversed(cls.__bases__)]


class Tree(Base, metaclass=Meta):
    @register
    def m(self):
        return __class__


class Leaf(Tree, Mixin):
    @register
    def m(self):
        return super().m()


gc.collect()
print(Tree.seen, Leaf.seen, Leaf().m() is Tree, Leaf.__mro__)
