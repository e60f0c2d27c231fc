# A fresh import of _queue (as CPython's test.support makes) has its own
# SimpleQueue and Empty: each queue raises the Empty of the module that made
# its type, so "except module.Empty" catches it, subclasses included.
from test.support.import_helper import import_fresh_module
import queue, _queue
fresh = import_fresh_module('queue', fresh=['_queue'])
print(fresh.Empty is queue.Empty, fresh.SimpleQueue is queue.SimpleQueue)
q = fresh.SimpleQueue()
try:
    q.get_nowait()
except fresh.Empty:
    print("fresh Empty caught")
q2 = queue.SimpleQueue()
try:
    q2.get(block=False)
except queue.Empty:
    print("original Empty caught")
class Sub(fresh.SimpleQueue):
    pass
try:
    Sub().get(timeout=0.01)
except fresh.Empty as e:
    print("subclass:", type(e).__module__, type(e).__name__)
