# get_ident() is distinct for threads alive at the same time and stable within a thread.
import threading

n = 8
barrier = threading.Barrier(n)
idents = []
lock = threading.Lock()
stable = []

def body():
    a = threading.get_ident()
    barrier.wait()          # everyone alive at once
    b = threading.get_ident()
    with lock:
        idents.append(a)
        stable.append(a == b == threading.current_thread().ident)

threads = [threading.Thread(target=body) for _ in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("distinct:", len(set(idents)), "of", n)
print("stable:", all(stable))
print("main not among them:", threading.get_ident() not in idents)
print("type:", type(threading.get_ident()).__name__, type(threading.get_native_id()).__name__)
print("TIMEOUT_MAX positive:", threading.TIMEOUT_MAX > 0)
