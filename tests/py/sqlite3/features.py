# Row, factories, adapters and converters, user functions, aggregates,
# collations, transactions, iterdump, blobs and backup.
import sqlite3, datetime, decimal

con = sqlite3.connect(":memory:")
con.row_factory = sqlite3.Row
cur = con.execute("select 1 as One, 'two' as Two, NULL as three")
r = cur.fetchone()
print(type(r).__name__, r[0], r["one"], r["TWO"], r[-1], r[0:2], len(r), list(r), r.keys())
print(tuple(r), r == con.execute("select 1 as One, 'two' as Two, NULL as three").fetchone())
for k in ["nope", 3, 1.5]:
    try: r[k]
    except Exception as e: print(type(e).__name__, e)
print(isinstance(r, __import__("collections.abc").abc.Sequence))
con.row_factory = lambda cursor, row: {d[0]: v for d, v in zip(cursor.description, row)}
print(con.execute("select 1 as a, 2 as b").fetchall())
con.row_factory = None

con.text_factory = bytes
print(con.execute("select 'héllo'").fetchone())
con.text_factory = lambda b: b.decode().upper()
print(con.execute("select 'abc'").fetchone())
con.text_factory = str
try:
    con.execute("select cast(x'ff' as text)").fetchone()
except Exception as e: print(type(e).__name__, e)

class Point:
    def __init__(self, x, y): self.x, self.y = x, y
    def __repr__(self): return f"Point({self.x}, {self.y})"
sqlite3.register_adapter(Point, lambda p: f"{p.x};{p.y}")
sqlite3.register_converter("point", lambda b: Point(*map(float, b.split(b";"))))
con2 = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
con2.execute("create table p(pt point, d date, ts timestamp, n integer)")
con2.execute("insert into p values (?, ?, ?, ?)", (Point(1, 2), datetime.date(2024, 2, 29),
             datetime.datetime(2020, 1, 2, 3, 4, 5, 678), 7))
print(con2.execute("select pt, d, ts, n from p").fetchone())
print(con2.execute('select pt as "p [point]", n as "n [other]" from p').fetchone())
print(con2.execute('select pt as "p [point]" from p').description)
class Conform:
    def __conform__(self, proto):
        return "conformed" if proto is sqlite3.PrepareProtocol else None
print(con2.execute("select ?", (Conform(),)).fetchone())
print(sqlite3.adapt(Point(3, 4)), sqlite3.adapt(5, sqlite3.PrepareProtocol, "alt"))
try: sqlite3.adapt(object())
except Exception as e: print(type(e).__name__, e)

def twice(x):
    return x * 2
def boom(x):
    raise ValueError("nope")
con.create_function("twice", 1, twice, deterministic=True)
con.create_function("boom", 1, boom)
con.create_function("badret", 0, lambda: object())
con.create_function("nargs", -1, lambda *a: len(a))
print(con.execute("select twice(21), twice('ab'), twice(1.5), twice(x'01'), nargs(), nargs(1,2,3)").fetchone())
for q in ["select boom(1)", "select badret()", "select twice()"]:
    try: con.execute(q)
    except Exception as e: print(type(e).__name__, e)
con.create_function("twice", 1, None)
try: con.execute("select twice(1)")
except Exception as e: print(type(e).__name__, e)

class Sum:
    def __init__(self): self.n = 0
    def step(self, v): self.n += v
    def finalize(self): return self.n
class BadStep:
    def step(self, v): raise KeyError(v)
    def finalize(self): return 0
con.create_aggregate("mysum", 1, Sum)
con.create_aggregate("badstep", 1, BadStep)
con.execute("create table n(g, v)")
con.executemany("insert into n values (?, ?)", [(i % 3, i) for i in range(10)])
print(con.execute("select mysum(v) from n").fetchone(), con.execute("select mysum(v) from n where v > 100").fetchone())
print(con.execute("select g, mysum(v) from n group by g order by g").fetchall())
try: con.execute("select badstep(v) from n").fetchall()
except Exception as e: print(type(e).__name__, e)

class WinSum:
    def __init__(self): self.n = 0
    def step(self, v): self.n += v
    def inverse(self, v): self.n -= v
    def value(self): return self.n
    def finalize(self): return self.n
con.create_window_function("winsum", 1, WinSum)
print(con.execute("select v, winsum(v) over (order by v rows between 1 preceding and 1 following) from n order by v limit 4").fetchall())

con.create_collation("reverse", lambda a, b: (a < b) - (a > b))
con.execute("create table s(x)")
con.executemany("insert into s values (?)", [("b",), ("a",), ("c",)])
print(con.execute("select x from s order by x collate reverse").fetchall())
try: con.create_collation("bad", 5)
except Exception as e: print(type(e).__name__, e)

# Transactions and isolation levels.
con.commit()
print(con.isolation_level, con.in_transaction)
con.execute("insert into s values ('d')")
print(con.in_transaction)
con.rollback()
print(con.execute("select count(*) from s").fetchone(), con.in_transaction)
with con:
    con.execute("insert into s values ('e')")
print(con.in_transaction, con.execute("select count(*) from s").fetchone())
try:
    with con:
        con.execute("insert into s values ('f')")
        raise RuntimeError("undo")
except RuntimeError as e: print("rolled back:", e)
print(con.execute("select count(*) from s").fetchone())
con.isolation_level = None
con.execute("insert into s values ('g')")
print(con.in_transaction, con.isolation_level)
con.isolation_level = "deferred"
print(con.isolation_level)
for bad in ["serial", 5]:
    try: con.isolation_level = bad
    except Exception as e: print(type(e).__name__, e)
print(con.total_changes > 0)

# iterdump
d = sqlite3.connect(":memory:")
d.executescript("""
    create table a(x integer primary key, y text);
    insert into a values (1, 'it''s');
    insert into a values (2, NULL);
    create index ai on a(y);
""")
for line in d.iterdump():
    print(line)

# Blob
d.execute("create table b(data blob)")
d.execute("insert into b values (zeroblob(10))")
with d.blobopen("b", "data", 1) as blob:
    blob.write(b"hello")
    print(blob.tell(), len(blob))
    blob.seek(0)
    print(blob.read(3), blob.read(), blob[0], blob[1:4], blob[-1])
    blob[0] = ord("J")
    blob[5:10] = b"world"
    for bad in [lambda: blob.seek(11), lambda: blob.write(b"x" * 20), lambda: blob[10],
                lambda: blob.__setitem__(0, 300), lambda: blob.__setitem__(slice(0, 2), b"x"),
                lambda: blob.__delitem__(0), lambda: blob["a"]]:
        try: bad()
        except Exception as e: print(type(e).__name__, e)
print(d.execute("select data from b").fetchone())
try: blob.read()
except Exception as e: print(type(e).__name__, e)
try: d.blobopen("b", "nope", 1)
except Exception as e: print(type(e).__name__, e)

# Backup
d.commit()
dst = sqlite3.connect(":memory:")
steps = []
d.backup(dst, pages=1, progress=lambda status, remaining, total: steps.append(remaining))
print(dst.execute("select * from a").fetchall(), steps[-1])
try: d.backup(d)
except Exception as e: print(type(e).__name__, e)
try: d.backup(5)
except Exception as e: print(type(e).__name__, e)
print(sqlite3.complete_statement("select 1;"), sqlite3.complete_statement("select 1"))
print(d.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) > 0)
try: d.getlimit(1000)
except Exception as e: print(type(e).__name__, e)
ser = d.serialize()
e = sqlite3.connect(":memory:")
e.deserialize(ser)
print(e.execute("select count(*) from a").fetchone())
print([c.__name__ for c in sqlite3.OperationalError.__mro__])
print(sqlite3.Connection.__module__, sqlite3.Row.__name__, con.Error is sqlite3.Error)
