# Datetime values made and read by four threads at once (immutable payloads, no locks).
import threading
from datetime import datetime, timedelta, timezone
shared = [datetime(2000, 1, 1, tzinfo=timezone.utc)]
out = []
def work():
    d = shared[0]
    s = 0
    for i in range(20000):
        e = d + timedelta(seconds=i)
        s += e.hour + len(e.isoformat()) + hash(e) % 7
        shared.append(e) if i % 5000 == 0 else None
    out.append(s)
ts = [threading.Thread(target=work) for _ in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
print(len(set(out)), len(shared))
