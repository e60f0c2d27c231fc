# Many variables, copies and contexts survive collections; a context shared
# by threads (entered one at a time) keeps every update.
import contextvars, gc, threading
vars_ = [contextvars.ContextVar(f'v{i}', default=-1) for i in range(300)]
tokens = []
for i, v in enumerate(vars_):
    tokens.append(v.set([i] * 3))
snap = contextvars.copy_context()
for i, v in enumerate(vars_):
    v.set(('new', i))
junk = [[j] * 10 for j in range(20000)]
del junk
gc.collect()
print(len(snap), all(snap[v] == [i] * 3 for i, v in enumerate(vars_)))
print(all(v.get() == ('new', i) for i, v in enumerate(vars_)))
ctxs = []
def make(i):
    c = contextvars.Context()
    c.run(lambda: [v.set(str(i) * 2) for v in vars_[:50]])
    return c
ctxs = [make(i) for i in range(200)]
gc.collect()
print(all(c[vars_[10]] == str(i) * 2 for i, c in enumerate(ctxs)), sum(len(c) for c in ctxs))
# A shared context run by several threads in turn keeps its values.
shared = contextvars.copy_context()
lock = threading.Lock()
def bump():
    for _ in range(200):
        with lock:
            shared.run(lambda: vars_[0].set(vars_[0].get() + 1) if isinstance(vars_[0].get(), int) else vars_[0].set(0))
ts = [threading.Thread(target=bump) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
gc.collect()
print(shared[vars_[0]])
