# list.extend on a shared list while another thread holds its lock for a
# long time (insert at the front of a big list) and a third runs gc.collect()
# in a loop. The items extend is about to append are held only by the
# method while it waits for the lock; a collection must not free them
# (ProtoPy once did: the list then held later strings twice and lost others).
import threading, gc

big = [0] * 300000
stop = False

def ext(tid):
    for r in range(200):
        big.extend("abcdefghijklmnopqrstuvwxyz-%d-%d-%d" % (tid, r, i) for i in range(50))

def slow():
    while not stop:
        big.insert(0, 0)

def collector():
    while not stop:
        gc.collect()

ws = [threading.Thread(target=ext, args=(t,)) for t in range(3)]
bg = [threading.Thread(target=collector), threading.Thread(target=slow)]
for t in bg + ws:
    t.start()
for t in ws:
    t.join()
stop = True
for t in bg:
    t.join()
exp = set("abcdefghijklmnopqrstuvwxyz-%d-%d-%d" % (t, r, i)
          for t in range(3) for r in range(200) for i in range(50))
got = [x for x in big if x != 0]
print(len(got), len(set(got)), set(got) == exp)
