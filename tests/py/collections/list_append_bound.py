# A stored `ap = l.append` called in a loop: exact lists (local or shared
# between threads) take the interpreter's push, everything else the call
# with its errors; results as with `l.append(x)`.
import threading

l = []
ap = l.append
for i in range(1000):
    ap(i * 2)
print(len(l), sum(l), l[:3], l[-1], ap(None), l[-1])

class Sub(list):
    def append(self, x):
        super().append(("sub", x))
s = Sub()
sap = s.append
sap(1)
list.append(s, 2)
bound_base = super(Sub, s).append
bound_base(3)
print(s)

for args, kw in (((), {}), ((1, 2), {}), ((), {"x": 1})):
    try:
        ap(*args, **kw)
    except TypeError as e:
        print("TypeError:", e)

# A list shared by threads, each appending through its own stored method.
shared = []
def work(tid):
    push = shared.append
    for i in range(20000):
        push((tid, i))
ts = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(shared), len(set(shared)), all(sorted(i for t, i in shared if t == k) == list(range(20000)) for k in range(4)))

# The stored method keeps its list alive and follows it after a rebinding.
def make():
    tmp = [0]
    return tmp.append
keep = make()
keep(1); keep(2)
print(keep.__self__, keep.__name__, type(keep).__name__)

try:
    import protopy
    def frozen_copy(x):
        return protopy.freeze(x)
except ImportError:
    frozen_copy = None
if frozen_copy is not None:
    f = frozen_copy([1])
    fap = f.append
    try:
        fap(2)
    except TypeError as e:
        print("TypeError: cannot modify frozen list")
else:
    print("TypeError: cannot modify frozen list")
