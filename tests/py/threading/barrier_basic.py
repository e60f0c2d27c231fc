# Barrier: wait() returns distinct indices, the action runs once per cycle.
import threading

actions = []
b = threading.Barrier(4, action=lambda: actions.append("cycle"))
print("parties:", b.parties, "waiting:", b.n_waiting, "broken:", b.broken)
lock = threading.Lock()
indices = []
phases = []

def body(i):
    for phase in range(3):
        idx = b.wait()
        with lock:
            indices.append((phase, idx))
            phases.append(phase)

ts = [threading.Thread(target=body, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
for phase in range(3):
    print("phase", phase, sorted(idx for p, idx in indices if p == phase))
print("actions:", actions)
print("after:", b.n_waiting, b.broken)

# A barrier keeps threads in lockstep: no thread starts round r+1 before all finished round r.
b2 = threading.Barrier(3)
log = []
def step(i):
    for r in range(4):
        with lock:
            log.append(r)
        b2.wait()
ts = [threading.Thread(target=step, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print("lockstep:", log == sorted(log), len(log))
