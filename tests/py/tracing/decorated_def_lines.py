# Line events of decorated definitions: each decorator's line, then the def or
# class line where the object is made, the decorators applied innermost first,
# and the def line again for the store, as CPython 3.11 locates them.
import sys
def deco1(f):
    return f
def fab():
    def deco2(f):
        return f
    return deco2
def g():
    @deco1
    @fab()
    class C:
        x = 1
    @deco1
    async def h(): pass
    @deco1
    def \
      k(): pass
    return C
lines = []
def tr(frame, event, arg):
    if event == "line":
        lines.append((frame.f_code.co_name, frame.f_lineno - 8))
    return tr
sys.settrace(tr)
g()
sys.settrace(None)
print(lines)
def raises(f):
    raise ValueError("from decorator")
def h2():
    @deco1
    @raises
    def inner():
        pass
try:
    h2()
except ValueError as e:
    import traceback
    tb = traceback.extract_tb(e.__traceback__)
    print([(f.name, f.lineno - tb[-1].lineno) for f in tb])
    print(tb[1].line)
