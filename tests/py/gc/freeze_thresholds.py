# gc.freeze() makes every object alive at that moment permanent until
# unfreeze(); the thresholds keep their values and scale the collector's
# triggers, and collections go on with any of them.
import gc

class Node:
    def __init__(self, v, nxt):
        self.v = v
        self.nxt = nxt

head = None
for i in range(2000):
    head = Node(i, head)

gc.freeze()
print("frozen some:", gc.get_freeze_count() > 2000)
head = head.nxt
gc.collect()
print("frozen objects still usable:", head.v, head.nxt.nxt.v)
gc.unfreeze()
print("after unfreeze:", gc.get_freeze_count())

old = gc.get_threshold()
gc.set_threshold(7000, 100, 100)
print(gc.get_threshold())
total = 0
for i in range(100000):
    total += len([i, i + 1])
print(total)
gc.set_threshold(1, 1, 1)
acc = [str(i) for i in range(50000)]
print(len(acc), acc[-1])
gc.set_threshold(*old)
print(gc.get_threshold() == old)
