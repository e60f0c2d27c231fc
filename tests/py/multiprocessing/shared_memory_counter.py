# Four processes add to a counter in multiprocessing.shared_memory under a
# multiprocessing.Lock; the final count is exact.
import multiprocessing as mp
from multiprocessing import shared_memory


def bump(name, lock, n):
    shm = shared_memory.SharedMemory(name=name)
    try:
        for _ in range(n):
            with lock:
                v = int.from_bytes(shm.buf[0:8], "little")
                shm.buf[0:8] = (v + 1).to_bytes(8, "little")
    finally:
        shm.close()


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    shm = shared_memory.SharedMemory(create=True, size=64)
    try:
        shm.buf[0:8] = (0).to_bytes(8, "little")
        lock = ctx.Lock()
        ps = [ctx.Process(target=bump, args=(shm.name, lock, 500)) for _ in range(4)]
        for p in ps:
            p.start()
        for p in ps:
            p.join(120)
        print([p.exitcode for p in ps])
        print("count", int.from_bytes(shm.buf[0:8], "little"))
        print(shm.size >= 64, len(shm.buf))
        sl = shared_memory.ShareableList([1, 2.5, "three", b"four", None])
        other = shared_memory.ShareableList(name=sl.shm.name)
        other[0] = 100
        print(list(sl), sl.count(None), sl.index("three"))
        other.shm.close()
        sl.shm.close()
        sl.shm.unlink()
    finally:
        shm.close()
        shm.unlink()
    try:
        shared_memory.SharedMemory(name=shm.name)
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)
    try:
        shared_memory.SharedMemory(create=True, size=0)
    except ValueError as e:
        print("ValueError:", e)
