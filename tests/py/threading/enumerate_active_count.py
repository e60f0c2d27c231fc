# enumerate() and active_count() see started, unfinished threads only.
import threading

print("start:", threading.active_count(), [t.name for t in threading.enumerate()])
gate = threading.Event()
ready = threading.Barrier(5)

def body():
    ready.wait()
    gate.wait()

threads = [threading.Thread(target=body, name=f"worker-{i}") for i in range(4)]
unstarted = threading.Thread(target=body, name="never-started")
for t in threads:
    t.start()
ready.wait()
print("running:", threading.active_count())
print(sorted(t.name for t in threading.enumerate()))
print("unstarted listed:", unstarted in threading.enumerate())
print("all workers listed:", all(t in threading.enumerate() for t in threads))
gate.set()
for t in threads:
    t.join()
print("end:", threading.active_count(), [t.name for t in threading.enumerate()])
