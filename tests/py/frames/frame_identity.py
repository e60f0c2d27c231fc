# A frame object stands for one activation: every way of reaching it gives
# the same object, and it keeps what the frame was once the frame has ended.
import sys
import threading


def same_in_one_call():
    a = sys._getframe()
    b = sys._getframe()
    return a is b, a.f_code.co_name


print("same object:", same_in_one_call())


def shown():
    import re
    pat = r"<frame at 0x[0-9a-f]+, file '[^']*frame_identity\.py', line (\d+), code shown>"
    m = re.match(pat, repr(sys._getframe()))
    return m is not None and int(m.group(1)) - shown.__code__.co_firstlineno


print("repr:", shown())


def callee(parent_frame):
    me = sys._getframe()
    return me.f_back is parent_frame, sys._getframe(1) is parent_frame


def caller():
    here = sys._getframe()
    return callee(here)


print("f_back is caller's:", caller())


def fresh_each_call():
    return sys._getframe()


f1 = fresh_each_call()
f2 = fresh_each_call()
print("two activations differ:", f1 is not f2)


def raises(x):
    y = x * 2
    raise ValueError(y)


def catches():
    me = sys._getframe()
    try:
        raises(21)
    except ValueError as e:
        tb = e.__traceback__
        return tb.tb_frame is me, tb.tb_next.tb_frame.f_back is me, tb


same, back_ok, tb = catches()
print("tb_frame is the activation's:", same, back_ok)
inner = tb.tb_next.tb_frame
print("dead frame locals:", sorted(inner.f_locals.items()))
print("dead frame line:", inner.f_lineno - inner.f_code.co_firstlineno)
print("dead frame name:", inner.f_code.co_name, inner.f_back.f_code.co_name)
print("builtins:", inner.f_builtins is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else inner.f_builtins is __builtins__)


def locals_at_exit():
    a = 1
    fr = sys._getframe()
    a = 2
    b = "later"
    return fr


fr = locals_at_exit()
print("locals at exit:", sorted((k, v) for k, v in fr.f_locals.items() if k != "fr"))
fr.clear()
print("after clear:", fr.f_locals)


def clear_running():
    try:
        sys._getframe().clear()
    except RuntimeError as e:
        return "RuntimeError", str(e)
    return "no error"


print("clear running:", clear_running())
try:
    sys._getframe().clear()
except RuntimeError as e:
    print("clear module frame:", e)


def gen():
    try:
        yield sys._getframe()
        yield 2
    finally:
        print("generator closed")


g = gen()
gf = next(g)
print("gi_frame is the frame:", g.gi_frame is gf)
gf.clear()
print("closed:", g.gi_frame)

# sys._current_frames(): this thread's entry is this frame.
print("current frames:", sys._current_frames()[threading.get_ident()] is sys._getframe())


def helper_current():
    return sys._current_frames()[threading.get_ident()] is sys._getframe()


print("in a function:", helper_current())
