# gc.callbacks run for collections the interpreter starts by itself, not
# only for gc.collect(): each report is a "start" then a "stop" call with
# CPython's info keys, and a removed callback is no longer called.
import gc

seen = {"start": 0, "stop": 0}
keys = set()
generations = set()
state = {"last": "stop", "alternate": True, "counts_ok": True}


def cb(phase, info):
    if phase == state["last"]:
        state["alternate"] = False
    state["last"] = phase
    seen[phase] += 1
    keys.add(tuple(sorted(info)))
    generations.add(info["generation"])
    if not (isinstance(info["collected"], int) and info["collected"] >= 0
            and info["uncollectable"] == 0):
        state["counts_ok"] = False


def make_garbage(n):
    # Reference cycles: garbage for both collectors (CPython counts them
    # toward its generation-0 threshold, ProtoPy's heap grows).
    for i in range(n):
        a = [i, None]
        a[1] = a


gc.callbacks.append(cb)
make_garbage(100000)
print("called during allocation:", seen["stop"] > 0)
print("start/stop pairs:", seen["start"] == seen["stop"] and state["alternate"]
      and state["last"] == "stop")
print("info keys:", keys)
print("generations valid:", generations <= {0, 1, 2})
print("counts are ints >= 0:", state["counts_ok"])

gc.callbacks.remove(cb)
n = seen["stop"]
make_garbage(100000)
print("removed callback not called:", seen["stop"] == n)
gc.collect()
print("collect() still reports:", seen["stop"] == n)
gc.callbacks.append(cb)
gc.collect()
print("collect() reports start and stop:", seen["start"] == n + 1 and seen["stop"] == n + 1)
