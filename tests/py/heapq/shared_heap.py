# A heap and a sorted list shared by threads without a lock: on ints each
# heappush/heappop/insort is one atomic step, so nothing is lost or raised.
import _heapq
import _bisect
import threading

heap = []
popped = []
sorted_list = []

def worker(k):
    for i in range(2000):
        _heapq.heappush(heap, (i * 7 + k) % 1000)
        if i % 4 == 0:
            popped.append(_heapq.heappop(heap))
        _bisect.insort_right(sorted_list, (i * 13 + k) % 500)

threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(heap), len(popped), len(heap) + len(popped))
rest = [_heapq.heappop(heap) for _ in range(len(heap))]
print(rest == sorted(rest))
print(len(sorted_list), sorted_list == sorted(sorted_list))
print(sorted(rest + popped) == sorted((i * 7 + k) % 1000 for k in range(4) for i in range(2000)))
