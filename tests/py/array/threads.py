# Two threads appending to one array: every append is kept; pops are atomic.
import array, threading

a = array.array('q')
N = 20000

def work(base):
    for i in range(N):
        a.append(base + i)

ts = [threading.Thread(target=work, args=(k * N,)) for k in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(a), sorted(a) == list(range(2 * N)), sum(a) == sum(range(2 * N)))

got = []
def popper():
    while True:
        try:
            got.append(a.pop())
        except IndexError:
            return
ts = [threading.Thread(target=popper) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(a), len(got), sorted(got) == list(range(2 * N)))
