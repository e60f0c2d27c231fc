# sqlite3 speed: insert N rows (default 100,000) into an in-memory database
# in one transaction, with executemany ("many") or a loop of execute
# ("loop"), then read them back with one query; prints a checksum and the
# insert time. Compare with CPython in one run:
#   python3 benches/ab.py 10 /usr/bin/python3 target/release/protopy sqlite_insert.py many
#   python3 benches/ab.py 10 /usr/bin/python3 target/release/protopy sqlite_insert.py loop
import sqlite3
import sys
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "many"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rows = [(i, f"name-{i}", i * 0.5) for i in range(n)]
con = sqlite3.connect(":memory:")
con.execute("create table t(id integer, name text, score real)")
t0 = time.perf_counter()
with con:
    if mode == "many":
        con.executemany("insert into t values (?, ?, ?)", rows)
    else:
        cur = con.cursor()
        for r in rows:
            cur.execute("insert into t values (?, ?, ?)", r)
elapsed = time.perf_counter() - t0
total = con.execute("select count(*), sum(id), sum(length(name)), sum(score) from t").fetchone()
print("checksum:", total)
print("elapsed:", "%.6f" % elapsed)
