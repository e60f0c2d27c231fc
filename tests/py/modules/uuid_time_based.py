# uuid1 and getnode through the _uuid accelerator
import threading
import uuid
import _uuid

u = uuid.uuid1()
print(u.version, u.variant, u.is_safe)
print(u.node == uuid.getnode())
raw, safe = _uuid.generate_time_safe()
print(type(raw).__name__, len(raw), safe, _uuid.has_uuid_generate_time_safe)
print(uuid.UUID(bytes=raw).version)

# never the same UUID twice, from any number of threads
seen = []
def work():
    seen.extend(uuid.uuid1() for _ in range(2000))
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(seen), len(set(seen)))

# increasing timestamps within one thread
a, b = uuid.uuid1(), uuid.uuid1()
print(b.time > a.time or b.clock_seq != a.clock_seq)
print(uuid.uuid1(node=0x123456789abc, clock_seq=5).node == 0x123456789abc)
try:
    _uuid.generate_time_safe(1)
except TypeError as e:
    print("TypeError:", e)
