# Forking while other threads run: the child has one thread (the forking
# one), threading's state is reset for it, and it can start new threads.
import os
import sys
import threading
import _thread

started = threading.Event()
stop = threading.Event()
held = threading.Lock()
results = []


def spin(n):
    total = 0
    started.wait()
    while not stop.is_set():
        total += sum(range(200))
        _ = [str(i) for i in range(50)]
    results.append(n)


holding = threading.Event()


def holder():
    with held:
        holding.set()
        started.wait()
        stop.wait()


threads = [threading.Thread(target=spin, args=(i,), name=f"spin-{i}") for i in range(3)]
threads.append(threading.Thread(target=holder, name="holder"))
for t in threads:
    t.start()
holding.wait()
started.set()


def report(tag):
    out = []
    out.append(f"{tag} threads: {len(threading.enumerate())}")
    out.append(f"{tag} current is main: {threading.current_thread() is threading.main_thread()}")
    out.append(f"{tag} _count: {_thread._count()}")
    return out


def in_child(w):
    lines = report("child")
    lines.append(f"child user lock still held: {held.locked()}")
    box = []
    t = threading.Thread(target=lambda: box.append(sum(range(10))))
    t.start()
    t.join()
    lines.append(f"child new thread result: {box}")
    lines.append(f"child names: {sorted(t.name for t in threading.enumerate())}")
    os.write(w, "\n".join(lines).encode())


for attempt in range(3):
    r, w = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            in_child(w)
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while True:
        b = os.read(r, 4096)
        if not b:
            break
        chunks.append(b)
    os.close(r)
    _, st = os.waitpid(pid, 0)
    if attempt == 0:
        print(b"".join(chunks).decode())
    print("child exit", os.waitstatus_to_exitcode(st))

print("\n".join(report("parent")))
stop.set()
for t in threads:
    t.join()
print("parent results", sorted(results))

# Forking from a thread other than the main one.
def fork_from_thread(out):
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        ok = threading.current_thread() is threading.main_thread()
        os._exit(0 if ok and len(threading.enumerate()) == 1 else 1)
    _, st = os.waitpid(pid, 0)
    out.append(os.waitstatus_to_exitcode(st))

out = []
t = threading.Thread(target=fork_from_thread, args=(out,))
t.start()
t.join()
print("fork from a thread: child exit", out)
