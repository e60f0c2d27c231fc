# threading.excepthook may be replaced; it receives type, value, traceback and thread.
import threading
import sys

caught = []
def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value),
                   args.thread.name, args.exc_traceback is not None))

print("default hook is __excepthook__:", threading.excepthook is threading.__excepthook__)
threading.excepthook = hook

def boom(msg):
    raise RuntimeError(msg)

ts = [threading.Thread(target=boom, args=(f"fail {i}",), name=f"t{i}") for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
for c in sorted(caught):
    print(c)

# SystemExit in a thread also reaches the hook (the default hook prints nothing for it)
caught.clear()
s = threading.Thread(target=sys.exit, args=(3,), name="exiter")
s.start(); s.join()
print("after SystemExit:", caught)

# restore the default hook
threading.excepthook = threading.__excepthook__
print("restored:", threading.excepthook is threading.__excepthook__)
