# Trace and profile hooks are per thread: threading.settrace installs one in
# each new thread, sys.settrace in one thread leaves the others untraced.
import sys
import threading

lock = threading.Lock()
calls = []


def tracer(frame, event, arg):
    if event == "call":
        with lock:
            calls.append((threading.current_thread().name, frame.f_code.co_name))
    return None


def work():
    return sum(range(10))


def body():
    work()
    calls.append((threading.current_thread().name, "gettrace is tracer", sys.gettrace() is tracer))


threading.settrace(tracer)
t = threading.Thread(target=body, name="T1")
t.start()
t.join()
threading.settrace(None)
print(threading.gettrace())
print(sys.gettrace())
for c in calls:
    if c[1] in ("body", "work") or len(c) == 3:
        print(*c)

calls.clear()
sys.settrace(tracer)
t = threading.Thread(target=body, name="T2")
t.start()
t.join()
work()
sys.settrace(None)
print([c for c in calls if c[1] in ("body", "work") or len(c) == 3])

seen = []
threading.setprofile(lambda f, e, a: seen.append(e) if f.f_code.co_name == "work" else None)
t = threading.Thread(target=work)
t.start()
t.join()
threading.setprofile(None)
print(seen)
