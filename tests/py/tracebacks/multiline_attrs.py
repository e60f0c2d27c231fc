# Attributes and method calls whose name starts a later line: CPython 3.11
# marks the name (to the end of the call), not the object; decorators are
# marked after the `@`.
import traceback
class O:
    def meth(self, x): raise ValueError(x)
o = O()
def t1():
    (None
        .method
    )()
def t2():
    (None.
        method
    )()
def t3():
    (None
        . method
    )()
def t4():
    (o
      .meth)(2)
def t5():
    (
     o.meth)(3)
def t6():
    (o.
       meth(4))
def t7():
    (None
      .attr)
def t8():
    (None
      .t) = 1
def t9():
    x = (o
      .meth(5) + 1)
def t10():
    o.missing += 1
def t11():
    (None
      .q) += 1
def dec_error(func):
    raise TypeError("bad decorator")
def dec_fine(func):
    return func
def t12():
    @dec_error
    @dec_fine
    def g(): pass
def t13():
    @dec_fine
    @dec_error
    class A: pass
for t in (t1,t2,t3,t4,t5,t6,t7,t8,t9,t10,t11,t12,t13):
    try: t()
    except Exception: print(traceback.format_exc().split("\n", 3)[3])

result = (o
    .meth("uncaught"))
