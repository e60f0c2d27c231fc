# Each thread has its own current context: a new thread starts empty,
# sets of one thread are invisible to the others, and a context entered
# by one thread cannot be entered by another at the same time.
import contextvars
import threading

var = contextvars.ContextVar('var', default='unset')
var.set('main')

results = {}
barrier = threading.Barrier(4)

def worker(i):
    start = var.get()
    n = len(contextvars.copy_context())
    var.set(i)
    barrier.wait()  # every thread has set its value before any reads it
    total = 0
    for _ in range(2000):
        total += var.get()
    results[i] = (start, n, var.get(), total)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i in range(4):
    print(i, results[i])
print('main still', var.get())

# A context copied in the main thread carries its values into another
# thread through Context.run; the thread's own context is untouched.
ctx = contextvars.copy_context()
seen = []
def in_ctx():
    seen.append(var.get())
    var.set('changed in thread')
    seen.append(var.get())
def runner():
    ctx.run(in_ctx)
    seen.append(var.get())
t = threading.Thread(target=runner)
t.start()
t.join()
print(seen, ctx[var], var.get())

# Entering a context another thread is running in raises RuntimeError.
inside = threading.Event()
release = threading.Event()
def hold():
    inside.set()
    release.wait()
holder = threading.Thread(target=ctx.run, args=(hold,))
holder.start()
inside.wait()
try:
    ctx.run(lambda: None)
except RuntimeError as e:
    print('RuntimeError', 'already entered' in str(e))
release.set()
holder.join()
print(ctx.run(lambda: var.get()))
