# A Struct and a bytearray shared by threads: pack_into writes whole records.
import sys
sys.path.append('/usr/lib/python3.11')
import struct
import threading

rec = struct.Struct('<IHd')
N, THREADS = 300, 4
buf = bytearray(rec.size * N * THREADS)


def work(t):
    for k in range(N):
        i = t * N + k
        rec.pack_into(buf, i * rec.size, i, t, i / 8)
        assert rec.unpack(rec.pack(i, t, 0.5)) == (i, t, 0.5)


threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

records = list(rec.iter_unpack(buf))
print(len(records), all(r == (i, i // N, i / 8) for i, r in enumerate(records)))
print(records[0], records[-1])
