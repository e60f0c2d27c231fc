# generator.throw and generator.close.
def worker():
    print("  worker start")
    try:
        while True:
            try:
                x = yield
                print("  processing", x)
            except ValueError as e:
                print("  handled ValueError:", e)
                yield "recovered"
    finally:
        print("  worker cleanup")

w = worker()
next(w)
w.send(1)
print(w.throw(ValueError("bad input")))
next(w)
w.send(2)
try:
    w.throw(KeyError("unhandled"))
except KeyError as e:
    print("KeyError propagated:", e)
try:
    next(w)
except StopIteration:
    print("generator is finished")

def closing():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("  GeneratorExit received")
        raise
    finally:
        print("  closing finally")
c = closing()
print(next(c))
c.close()
c.close()
print(list(c))

fresh = closing()
fresh.close()
print("closed unstarted without output")

def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"
ig = ignore_exit()
next(ig)
try:
    ig.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def return_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"
r = return_on_exit()
next(r)
print(r.close())

def throw_type():
    try:
        yield
    except TypeError as e:
        yield "caught " + repr(e.args)
t = throw_type()
next(t)
print(t.throw(TypeError))
t2 = throw_type()
next(t2)
print(t2.throw(TypeError("with message")))

def unstarted():
    print("  never printed")
    yield
u = unstarted()
try:
    u.throw(IndexError("before start"))
except IndexError as e:
    print("IndexError:", e)
print(list(u))

def done():
    yield 1
dn = done()
list(dn)
try:
    dn.throw(ValueError("after finish"))
except ValueError as e:
    print("ValueError:", e)

def converts():
    try:
        yield
    except ZeroDivisionError:
        raise ValueError("converted")
cv = converts()
next(cv)
try:
    cv.throw(ZeroDivisionError)
except ValueError as e:
    print("ValueError:", e, "| context:", type(e.__context__).__name__)

print(issubclass(GeneratorExit, Exception), issubclass(GeneratorExit, BaseException))
