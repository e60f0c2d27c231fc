# name, ident, native_id and is_alive through a thread's life; default names.
import threading

go = threading.Event()
seen = {}

def body():
    me = threading.current_thread()
    seen["name"] = me.name
    seen["ident_match"] = me.ident == threading.get_ident()
    seen["native_match"] = me.native_id == threading.get_native_id()
    go.wait()

t = threading.Thread(target=body, name="alpha")
print("before start:", t.name, t.ident, t.native_id, t.is_alive())
t.start()
print("running ident is int:", isinstance(t.ident, int), "alive:", t.is_alive())
print("native_id is int:", isinstance(t.native_id, int))
print("differs from main:", t.ident != threading.get_ident())
go.set()
t.join()
print("after join alive:", t.is_alive(), "ident kept:", isinstance(t.ident, int))
print("seen:", sorted(seen.items()))

# renaming
t.name = "beta"
print("renamed:", t.name)

# default names: numbered, with the target's name in parentheses
def job():
    pass

class Worker(threading.Thread):
    pass

a = threading.Thread(target=job)
b = threading.Thread()
c = Worker()
d = threading.Thread(target=job, name="explicit")
print([x.name for x in (a, b, c, d)])
print(threading.main_thread().name)
