# ctypes instances over an mmap's memory (from_buffer of the map or of a view of
# it): multiprocessing's shared Value and Array, seen by a child process.
import multiprocessing as mp, mmap, ctypes
v = mp.Value('i', 3); print(v.value)
with v.get_lock():
    v.value += 4
print(v.value)
a = mp.Array('d', [1.0, 2.0, 3.5]); print(a[:], len(a))


def work(val, arr):
    with val.get_lock():
        val.value += 100
    arr[0] = 42.0
p = mp.Process(target=work, args=(v, a)); p.start(); p.join()
print(v.value, a[:])
m = mmap.mmap(-1, 16)
x = (ctypes.c_int * 4).from_buffer(m)
x[1] = 7
print(m[4:8], list(x))
try:
    m.close()
except BufferError as e:
    print("BufferError", e)
try:
    ctypes.c_int.from_buffer(m, 14)
except ValueError as e:
    print("ValueError", e)
ro = mmap.mmap(-1, 8, access=mmap.ACCESS_READ)
try:
    ctypes.c_int.from_buffer(ro)
except TypeError as e:
    print("TypeError", e)
