# Item assignment in large bytearrays and arrays (written in place when the
# object is local to its thread): values land where they should, errors are
# CPython's, and a filling loop over 200,000 items in a function is linear.
from array import array
import threading


def fill(n):
    b = bytearray(n)
    for i in range(0, n, 3):
        b[i] = i % 256
    b[-1] = 7
    print(len(b), sum(b), b[:7], b[-1])
    for bad_i, bad_v in ((n, 1), (-n - 1, 1), (0, 256), (0, -1)):
        try:
            b[bad_i] = bad_v
        except (IndexError, ValueError) as e:
            print(type(e).__name__, e)
    view = memoryview(b)
    b[1] = 99
    print(view[1], bytes(view[:3]))
    view.release()

    a = array("d", [0.0]) * n
    for i in range(0, n, 2):
        a[i] = i * 0.5
    a[-1] = -1.0
    print(len(a), sum(a), a[4], a[-1])
    try:
        a[n] = 1.0
    except IndexError as e:
        print("IndexError:", e)
    try:
        a[0] = "x"
    except TypeError as e:
        print("TypeError:", e)


fill(200000)

# A bytearray and an array shared with another thread: writes from both
# threads all land.
shared = bytearray(1000)
arr = array("i", [0]) * 1000


def writer(start):
    for i in range(start, 1000, 2):
        shared[i] = 1
        arr[i] = i


threads = [threading.Thread(target=writer, args=(k,)) for k in (0, 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sum(shared), sum(arr))
copy = bytes(shared)
shared[0] = 5
print(copy[0], shared[0])
