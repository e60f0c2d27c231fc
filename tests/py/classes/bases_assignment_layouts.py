# __bases__ assignment between layouts: CPython compares deallocators
# (GC-tracked or not) before the object layout.
class C: pass
class D(list): pass
class E(dict): pass
for bases in ((int,), (float,), (str,), (list,), (dict,), (tuple,), (D,), (Exception,), (object,), (bytes,), (set,)):
    for cls in (C, D, E):
        try:
            old = cls.__bases__
            cls.__bases__ = bases
            print(cls.__name__, bases, "ok"); cls.__bases__ = old
        except TypeError as e:
            print(cls.__name__, type(e).__name__, e)
