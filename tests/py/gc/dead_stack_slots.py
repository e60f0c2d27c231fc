# A value the running function no longer holds is freed by gc.collect(),
# even if an earlier call took it as an argument or it was an operand.
import gc
import weakref


class Thing:
    def __init__(self, name):
        self.name = name


events = []


def report(name):
    def cb(ref):
        events.append(name)
    return cb


def after_native_call():
    t = Thing("native-arg")
    r = weakref.ref(t, report("native-arg"))
    del t
    gc.collect()
    print("native arg freed:", r() is None, events[-1:] == ["native-arg"])


def helper(x, y=None):
    return x.name


def after_python_call():
    t = Thing("python-arg")
    r = weakref.ref(t, report("python-arg"))
    helper(t, y=t)
    del t
    gc.collect()
    print("python arg freed:", r() is None, events[-1:] == ["python-arg"])


def after_kw_native_call():
    t = Thing("kw-arg")
    r = weakref.ref(t, report("kw-arg"))
    d = dict(a=t, b=1)
    del d["a"]
    del t
    gc.collect()
    print("keyword arg freed:", r() is None, d, events[-1:] == ["kw-arg"])


def after_star_call():
    t = Thing("star-arg")
    r = weakref.ref(t, report("star-arg"))
    args = (t, 2)
    lst = list(*[args])
    lst.clear()
    del args, t
    gc.collect()
    print("star arg freed:", r() is None, lst, events[-1:] == ["star-arg"])


def after_store():
    t = Thing("stored")
    r = weakref.ref(t, report("stored"))
    u = t
    box = [u]
    box.pop()
    del t, u
    gc.collect()
    print("copied local freed:", r() is None, box, events[-1:] == ["stored"])


def deep_stack_then_collect():
    t = Thing("deep")
    r = weakref.ref(t, report("deep"))
    s = [1, [2, [3, [4, t]]]]
    s = len(s)
    del t
    gc.collect()
    print("nested operand freed:", r() is None, s, events[-1:] == ["deep"])


def still_alive():
    t = Thing("alive")
    r = weakref.ref(t, report("alive"))
    gc.collect()
    print("live local kept:", r() is t, "alive" not in events)
    return t


def gc_collect():
    gc.collect()


def collect_in_python_helper():
    # The collection runs two frames down: this frame's dead operand slots
    # (the list display, len's argument) are garbage too.
    t = Thing("helper")
    r = weakref.ref(t, report("helper"))
    print(len([t, t]), str(t.name))
    del t
    gc_collect()
    print("freed from a helper:", r() is None, events[-1:] == ["helper"])


def generator():
    t = Thing("generator")
    r = weakref.ref(t, report("generator"))
    yield isinstance(t, Thing)
    del t
    gc.collect()
    yield r() is None


after_native_call()
collect_in_python_helper()
print("generator:", list(generator()))
after_python_call()
after_kw_native_call()
after_star_call()
after_store()
deep_stack_then_collect()
keep = still_alive()
print(keep.name)
print(sorted(events))
print(len(events))

# The same at module level, and with __del__.
mt = Thing("module")
mr = weakref.ref(mt, report("module"))
del mt
gc.collect()
print("module-level freed:", mr() is None, "module" in events)


class Noisy:
    def __del__(self):
        print("Noisy finalized")


def finalize_after_call():
    n = Noisy()
    id(n)
    del n
    gc.collect()
    print("after collect")


finalize_after_call()
