# Re-entering a running generator raises ValueError.
def reentrant():
    yield next(gen)

gen = reentrant()
try:
    next(gen)
except ValueError as e:
    print("ValueError:", e)

def sender():
    x = yield "start"
    yield me.send(x)
me = sender()
print(next(me))
try:
    me.send(1)
except ValueError as e:
    print("ValueError:", e)

def closer():
    try:
        yield 1
        g.close()
        yield 2
    except ValueError as e:
        print("  inside:", e)
        yield "after error"
g = closer()
print(next(g))
print(next(g))

def thrower():
    yield 1
    try:
        th.throw(KeyError("x"))
    except ValueError as e:
        print("  inside:", e)
    yield "continued"
th = thrower()
print(next(th), next(th))

def frame_state():
    yield st.gi_running
st = frame_state()
print(st.gi_running)
print(next(st))
print(st.gi_running)

def check_suspended():
    yield 1
c = check_suspended()
print(c.gi_running, c.gi_frame is not None)
next(c)
print(c.gi_running)
list(c)
print(c.gi_frame)

def yf_inner():
    yield from yf_outer_ref[0]
yf_outer_ref = [None]
yf = yf_inner()
yf_outer_ref[0] = yf
try:
    next(yf)
except ValueError as e:
    print("ValueError:", e)
