# pickle.dumps / pickle.loads of a ~10 MB mixed structure (issue 20 item 8):
# dicts, lists, strs, ints, floats, tuples, a little bytes and None/bools,
# built deterministically. Prints the pickle's size and md5 (equal across
# interpreters when the output is byte-exact), the best time of each
# operation over REPEAT runs, "case: SECONDS", then "elapsed: TOTAL".
# Usage: pickle_big.py [PROTOCOL [REPEAT [RECORDS]]]   (defaults: 4 5 70000)
import hashlib
import pickle
import sys
import time


def build(n):
    records = []
    for i in range(n):
        records.append({
            "id": i,
            "name": "user%06d" % i,
            "email": "user%d@example.com" % i,
            "score": i * 0.37 + 0.5,
            "tags": ["t%d" % (i % 7), "g%d" % (i % 13), "common"],
            "pos": (i % 1000, -(i % 333), i * 3),
            "big": i * 10**12,
            "active": i % 3 == 0,
            "parent": None if i % 5 else i - 1,
            "blob": bytes([i % 256, 1]) * (i % 4 + 1),
            "text": "%s lorem ipsum dolor sit amet %d" % ("é" * (i % 3), i % 10),
        })
    return {"version": 3, "records": records, "index": {r["name"]: r["id"] for r in records[::10]}}


def best(f, repeat):
    t = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = f()
        d = time.perf_counter() - t0
        t = d if t is None else min(t, d)
    return t, r


def main():
    proto = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 70000
    data = build(n)
    td, blob = best(lambda: pickle.dumps(data, proto), repeat)
    tl, back = best(lambda: pickle.loads(blob), repeat)
    assert back == data
    print("size:", len(blob), "md5:", hashlib.md5(blob).hexdigest())
    print("dumps: %.6f" % td)
    print("loads: %.6f" % tl)
    print("elapsed: %.6f" % (td + tl))


main()
