# gc.callbacks run for collections the interpreter starts by itself, not
# only for gc.collect(): each report is a "start" then a "stop" call with
# CPython's info keys, and a removed callback is no longer called.
import gc

calls = []


def cb(phase, info):
    calls.append((phase, tuple(sorted(info)), info["generation"], info["collected"], info["uncollectable"]))


gc.callbacks.append(cb)
keep = []
for i in range(200000):
    keep.append([i, {"k": i}])
phases = [c[0] for c in calls]
print("called during allocation:", len(calls) > 0)
print("start/stop pairs:", len(phases) % 2 == 0 and all(
    a == "start" and b == "stop" for a, b in zip(phases[::2], phases[1::2])))
print("info keys:", {c[1] for c in calls})
print("generations valid:", {c[2] for c in calls} <= {0, 1, 2})
print("counts are ints >= 0:", all(isinstance(c[3], int) and c[3] >= 0 and c[4] == 0 for c in calls))

gc.callbacks.remove(cb)
n = len(calls)
more = []
for i in range(200000):
    more.append([i])
print("removed callback not called:", len(calls) == n)
gc.collect()
print("collect() still reports:", len(calls) == n)
gc.callbacks.append(cb)
gc.collect()
print("collect() reports start and stop:", [c[0] for c in calls[n:]] == ["start", "stop"])
