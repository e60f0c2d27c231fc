# os.register_at_fork: hook order (before: last registered first; after:
# registration order), errors, and hooks that raise.
import os
import sys

log = []

for i in range(3):
    os.register_at_fork(before=lambda i=i: log.append(f"before{i}"),
                        after_in_parent=lambda i=i: log.append(f"parent{i}"),
                        after_in_child=lambda i=i: log.append(f"child{i}"))
os.register_at_fork(after_in_child=lambda: log.append("child-only"))

r, w = os.pipe()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, repr(log).encode())
    os._exit(0)
os.close(w)
child_log = os.read(r, 1000).decode()
os.close(r)
os.waitpid(pid, 0)
print("parent:", log)
print("child: ", child_log)

for args, kwargs in [((), {}), ((print,), {}), ((), {"before": 1}),
                     ((), {"after_in_child": "x"}),
                     ((), {"after_in_parent": None}),
                     ((), {"before": None, "after_in_child": print}),
                     ((), {"other": print})]:
    try:
        os.register_at_fork(*args, **kwargs)
        print("accepted", kwargs)
    except TypeError as e:
        print("TypeError", e)

# A hook that raises is reported and the others still run.
def bad():
    raise ValueError("hook failed")

log.clear()
os.register_at_fork(after_in_parent=bad)
os.register_at_fork(after_in_parent=lambda: log.append("after bad"))
sys.stdout.flush()
sys.stderr.flush()
import io
old = sys.stderr
sys.stderr = io.StringIO()
pid = os.fork()
if pid == 0:
    os._exit(0)
captured = sys.stderr.getvalue()
sys.stderr = old
os.waitpid(pid, 0)
print("parent log:", log[-1])
print("reported:", "Exception ignored in" in captured, "ValueError: hook failed" in captured)
