# Processes started from several threads at once while another thread
# allocates (so collections run while children are forked), and a
# selectors-driven pipe conversation.
import selectors
import subprocess
import threading

results = {}
stop = False


def worker(n):
    outs = []
    for i in range(5):
        out = subprocess.run(["sh", "-c", f"echo {n}-{i}; exit {i}"], capture_output=True)
        outs.append((out.stdout.decode().strip(), out.returncode))
    results[n] = outs


def churn():
    keep = []
    while not stop:
        keep.append([object() for _ in range(50)])
        if len(keep) > 200:
            keep.clear()


c = threading.Thread(target=churn)
c.start()
threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
stop = True
c.join()
for n in sorted(results):
    print(n, results[n])

p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
sel = selectors.DefaultSelector()
sel.register(p.stdout, selectors.EVENT_READ, "out")
got = b""
for word in [b"alpha ", b"beta ", b"gamma"]:
    p.stdin.write(word)
    while not got.endswith(word):
        for key, events in sel.select(timeout=5):
            got += key.fileobj.read(100)
print(got)
p.stdin.close()
for key, events in sel.select(timeout=5):
    print(key.data, "at eof:", key.fileobj.read(100))
sel.unregister(p.stdout)
sel.close()
p.stdout.close()
print(p.wait())

for cls in (selectors.SelectSelector, selectors.PollSelector, selectors.EpollSelector):
    p = subprocess.Popen(["sh", "-c", "sleep 0.1; echo done"], stdout=subprocess.PIPE)
    s = cls()
    s.register(p.stdout, selectors.EVENT_READ)
    print(cls.__name__, "nothing yet:", s.select(timeout=0))
    ready = s.select(timeout=5)
    print(cls.__name__, "ready:", len(ready), p.stdout.read())
    s.close()
    p.stdout.close()
    p.wait()
