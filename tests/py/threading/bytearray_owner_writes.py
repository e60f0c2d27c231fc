# Module-level bytearrays and arrays are shared (module globals are), yet the
# thread that made one stores items into it in place until another thread
# uses it. Here other threads arrive while the maker is storing: readers
# only ever see states the maker's order allows, and no store of any thread
# is lost, whether it came before or after the other thread's first use.
import threading
import array

N = 20000

# 1. The maker stores 1s from both ends inwards, item i before item N-1-i,
#    while a reader snapshots: every snapshot is a run of 1s at the front,
#    0s, and a run of 1s at the back no longer than the front one nor more
#    than one shorter.
buf = bytearray(N)
bad = []
started = threading.Event()
done = threading.Event()

def consistent(snap):
    front = len(snap) - len(snap.lstrip(b"\x01"))
    back = len(snap) - len(snap.rstrip(b"\x01"))
    if front == len(snap):
        return True
    return front - back in (0, 1) and snap.count(1) == front + back

def reader():
    started.set()
    seen = 0
    while not done.is_set() or seen < 2:
        snap = bytes(buf)
        if not consistent(snap):
            bad.append(snap.count(1))
        seen += 1

t = threading.Thread(target=reader)
for i in range(N // 2):
    if i == N // 8:
        t.start()
        started.wait()
    buf[i] = 1
    buf[N - 1 - i] = 1
done.set()
t.join()
print("consistent snapshots:", bad == [], sum(buf))

# 2. The maker stores even items while another thread stores odd ones:
#    every store lands.
buf2 = bytearray(N)
def odd_writer():
    for i in range(1, N, 2):
        buf2[i] = 7
t = threading.Thread(target=odd_writer)
t.start()
for i in range(0, N, 2):
    buf2[i] = 5
t.join()
print("even/odd:", buf2.count(5), buf2.count(7))

# 3. An array('d') written by its maker while another thread appends:
#    the items stored and the items appended are all there.
arr = array.array("d", bytes(8 * N))
def appender():
    for i in range(1000):
        arr.append(-1.0)
t = threading.Thread(target=appender)
t.start()
for i in range(N):
    arr[i] = float(i)
t.join()
print("array:", len(arr), arr.count(-1.0), sum(arr[:N]) == sum(range(N)))

# 4. A bytearray made by a worker thread and published in a global: the
#    worker's in-place stores are all seen by the main thread afterwards,
#    and the main thread's own stores then go through.
holder = {}
def maker():
    b = bytearray(1000)
    holder["b"] = b
    for i in range(1000):
        b[i] = i % 251
t = threading.Thread(target=maker)
t.start()
t.join()
b = holder["b"]
print("worker's stores:", list(b) == [i % 251 for i in range(1000)])
for i in range(1000):
    b[i] = 3
print("main's stores:", b.count(3))

# 5. Slices and negative indices on a shared bytearray, before and after
#    another thread has used it.
buf5 = bytearray(range(10))
buf5[-1] = 99
buf5[2:8:3] = b"\xaa\xbb"
buf5[0:2] = b"xy"
print(list(buf5))
t = threading.Thread(target=lambda: buf5.__setitem__(3, 33))
t.start()
t.join()
buf5[-2] = 88
buf5[1::4] = b"pqr"
print(list(buf5))
try:
    buf5[10] = 1
except IndexError as e:
    print("IndexError:", e)

# 6. Through a memoryview and struct.pack_into, before and after another
#    thread's use; a view assigned from an overlapping view of itself.
import struct
buf6 = bytearray(64)
mv6 = memoryview(buf6)
for i in range(16):
    mv6[i] = i + 1
struct.pack_into("<d", buf6, 16, 2.5)
mv6[0:4] = mv6[2:6]
print(list(buf6[:8]), struct.unpack_from("<d", buf6, 16))
t = threading.Thread(target=lambda: struct.pack_into("<I", buf6, 32, 0xDEADBEEF))
t.start()
t.join()
mv6[40:44] = mv6[32:36]
struct.pack_into("<h", buf6, 48, -2)
print(buf6[32:50].hex())
d6 = memoryview(buf6).cast("d")
d6[7] = 0.25
print(d6.tolist()[2], d6[7])
mv6.release()
d6.release()
