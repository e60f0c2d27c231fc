# Reading a context variable repeatedly (as decimal reads its context at
# every operation) must always give the value of the current context: after
# set, reset, Context.run, copies, other threads, and with variables made
# and dropped in between.
import contextvars
import decimal
import gc
import threading

v = contextvars.ContextVar("v", default="dflt")
w = contextvars.ContextVar("w")

print(v.get(), v.get())
t = v.set(1)
print(v.get(), v.get())
v.set(2)
print(v.get())
v.reset(t)
print(v.get(), v.get("arg-default"))
print(w.get("none"), w.get("none"))
w.set("w1")
print(w.get(), v.get(), w.get(), v.get())


def inside(tag):
    before = v.get()
    v.set(tag)
    return before, v.get(), w.get()


ctx = contextvars.copy_context()
print(ctx.run(inside, "in-copy"), v.get())
print(ctx.run(lambda: v.get()), ctx[v])
print(contextvars.Context().run(lambda: (v.get(), w.get("unset"))))
print(v.get(), w.get())

# Variables made and dropped: a new variable is never served another's value.
for i in range(200):
    tmp = contextvars.ContextVar("tmp%d" % i)
    if i % 50 == 0:
        tmp.set(i)
    got = tmp.get("unset")
    if (i % 50 == 0) != (got == i) or (i % 50 and got != "unset"):
        print("wrong value for", i, got)
    del tmp
    if i % 20 == 0:
        gc.collect()
print("fresh variables ok")

# decimal: each thread its own context, nested localcontexts.
results = {}


def worker(n):
    decimal.getcontext().prec = n
    out = []
    for _ in range(3):
        out.append(str(decimal.Decimal(1) / 7))
        with decimal.localcontext() as c:
            c.prec = 3
            out.append(str(decimal.Decimal(1) / 7))
        out.append(str(decimal.Decimal(2) / 7))
    results[n] = out


threads = [threading.Thread(target=worker, args=(n,)) for n in (5, 9, 12)]
for th in threads:
    th.start()
for th in threads:
    th.join()
for n in sorted(results):
    print(n, results[n][:3], len(set(results[n])))
print(decimal.getcontext().prec, decimal.Decimal(1) / 7)
c2 = decimal.Context(prec=4)
decimal.setcontext(c2)
print(decimal.Decimal(1) / 7, decimal.getcontext() is c2)
print(contextvars.copy_context().run(lambda: decimal.getcontext().prec))
