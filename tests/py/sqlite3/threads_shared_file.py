# 16 threads, each with its own connection to one database file, insert
# rows and update shared counters in transactions; every commit must land.
import os, sqlite3, tempfile, threading

N_THREADS = 16
N_TX = 20          # transactions per thread
ROWS_PER_TX = 5

tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "shared.db")
setup = sqlite3.connect(path)
setup.executescript("""
    create table items(thread integer, tx integer, k integer, payload text);
    create table counters(name text primary key, value integer);
    insert into counters values ('total', 0);
    insert into counters values ('tx', 0);
""")
setup.close()

errors = []
barrier = threading.Barrier(N_THREADS)

def worker(t):
    try:
        # IMMEDIATE takes the write lock at BEGIN, so waiting writers wait in
        # SQLite's busy handler (up to the timeout) instead of deadlocking.
        con = sqlite3.connect(path, timeout=60, isolation_level="IMMEDIATE")
        con.execute("pragma synchronous=off")
        barrier.wait()
        for tx in range(N_TX):
            with con:
                con.executemany(
                    "insert into items values (?, ?, ?, ?)",
                    [(t, tx, k, f"t{t}-x{tx}-k{k}") for k in range(ROWS_PER_TX)])
                con.execute("update counters set value = value + ? where name = 'total'", (ROWS_PER_TX,))
                con.execute("update counters set value = value + 1 where name = 'tx'")
            if tx % 5 == 4:
                # A rolled-back transaction must leave nothing behind.
                try:
                    with con:
                        con.execute("insert into items values (?, -1, -1, 'undo')", (t,))
                        raise KeyError("undo")
                except KeyError:
                    pass
        con.close()
    except Exception as e:
        errors.append(f"{t}: {type(e).__name__}: {e}")

threads = [threading.Thread(target=worker, args=(t,)) for t in range(N_THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

print("errors:", errors)
con = sqlite3.connect(path)
print("rows:", con.execute("select count(*) from items").fetchone()[0])
print("undo rows:", con.execute("select count(*) from items where tx = -1").fetchone()[0])
print("counters:", con.execute("select name, value from counters order by name").fetchall())
print("per thread:", sorted(set(n for (n,) in con.execute(
    "select count(*) from items group by thread"))))
print("distinct:", con.execute("select count(distinct payload) from items").fetchone()[0])
con.close()
for f in os.listdir(tmp):
    os.remove(os.path.join(tmp, f))
os.rmdir(tmp)

# One connection shared by 8 threads (check_same_thread=False): each
# operation is atomic, nothing is lost.
shared = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
shared.execute("create table c(t, i)")
def use_shared(t):
    for i in range(200):
        shared.execute("insert into c values (?, ?)", (t, i))
        shared.execute("select count(*) from c").fetchone()
ths = [threading.Thread(target=use_shared, args=(t,)) for t in range(8)]
for th in ths:
    th.start()
for th in ths:
    th.join()
print("shared rows:", shared.execute("select count(*), sum(i) from c").fetchone())

# Without check_same_thread=False another thread may not use it.
own = sqlite3.connect(":memory:")
out = []
def other():
    try:
        own.execute("select 1")
    except sqlite3.ProgrammingError as e:
        out.append(str(e).split(".")[0])
th = threading.Thread(target=other)
th.start(); th.join()
print(out)
