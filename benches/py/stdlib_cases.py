# The standard-library speed workloads of issue 20 ("Must show": json, pickle,
# struct, sha256, zlib, decimal, sqlite3, asyncio), one case per process.
# Each case builds its input first (not timed), then times the operation alone
# and prints "checksum: ..." (equal under every correct interpreter) and
# "elapsed: SECONDS". Driven by benches/stdlib_speed.py; usable alone:
#   protopy benches/py/stdlib_cases.py CASE [SCALE]
# SCALE (default 1.0) multiplies the work, for quick smoke runs.
import sys
import time

CASE = sys.argv[1] if len(sys.argv) > 1 else "list"
SCALE = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0


def lcg(seed):
    # A small deterministic generator, so both interpreters build equal data
    # without depending on `random`'s implementation.
    while True:
        seed = (seed * 1103515245 + 12345) % 2147483648
        yield seed


def document(n):
    # A mixed JSON-able document; n = 35,000 records make about 10 MB of JSON.
    g = lcg(42)
    records = []
    for i in range(n):
        r = next(g)
        records.append({
            "id": i,
            "name": "user%06d" % i,
            "email": "user%d@example.com" % i,
            "score": (r % 100000) / 64.0,
            "ratio": r / 2147483648.0,
            "tags": ["t%d" % (r % 7), "g%d" % (r % 13), "common"],
            "pos": [r % 1000, -(r % 333), i * 3],
            "big": i * 10**12,
            "active": r % 3 == 0,
            "parent": None if r % 5 else i - 1,
            "text": "%s lorem ipsum \"dolor\" sit amet\n%d" % ("é" * (r % 3), r % 10),
        })
    return {"version": 3, "records": records,
            "index": {rec["name"]: rec["id"] for rec in records[::10]}}


def bulk_bytes(total):
    # `total` bytes of web-server-log-like lines, which deflate compresses
    # about 4:1: a 1 MiB block, repeated (deflate's window is 32 KiB, so the
    # repeats cost it as much as fresh text).
    paths = [b"/index.html", b"/api/v1/users", b"/static/app.js", b"/img/logo.png",
             b"/login", b"/search?q="]
    g = lcg(7)
    parts = []
    size = 0
    while size < 1 << 20:
        r = next(g)
        r2 = next(g)
        line = b"2026-11-%02d %02d:%02d:%02d 10.%d.%d.%d GET %s%d %d %d\n" % (
            r % 28 + 1, r % 24, r2 % 60, r % 60, r % 256, r2 % 256, (r >> 8) % 256,
            paths[r % 6], r2 % 10000, (200, 200, 304, 404)[r2 % 4], r % 50000)
        parts.append(line)
        size += len(line)
    block = b"".join(parts)[: 1 << 20]
    reps = max(1, total // len(block))
    return block * reps


def timed(f):
    t0 = time.perf_counter()
    r = f()
    return time.perf_counter() - t0, r


def case_json_dumps():
    import json
    doc = document(int(35000 * SCALE))
    t, s = timed(lambda: json.dumps(doc))
    return t, (len(s), s[:40])


def case_json_loads():
    import json
    doc = document(int(35000 * SCALE))
    s = json.dumps(doc)
    t, back = timed(lambda: json.loads(s))
    assert back == doc
    return t, (len(s), len(back["records"]))


def case_pickle_dumps():
    import pickle
    doc = document(int(35000 * SCALE))
    t, blob = timed(lambda: pickle.dumps(doc, 4))
    return t, len(blob)


def case_pickle_loads():
    import pickle
    doc = document(int(35000 * SCALE))
    blob = pickle.dumps(doc, 4)
    t, back = timed(lambda: pickle.loads(blob))
    assert back == doc
    return t, len(blob)


def case_struct():
    # 200,000 pack/unpack pairs through the module functions (the format cache)
    # and a compiled Struct, plus one large pack/unpack of 100,000 ints.
    import struct
    n = int(200000 * SCALE)
    rec = struct.Struct("<iHdq8s?")
    ints = list(range(100000))

    def run():
        acc = 0
        pack, unpack = struct.pack, struct.unpack
        for i in range(n):
            b = pack("<IhQ", i, -(i & 0x7FFF), i * 7)
            a, _, c = unpack("<IhQ", b)
            acc += a + c
            b = rec.pack(i, i & 0xFFFF, i * 0.5, -i, b"abcdefgh", i & 1)
            acc += rec.unpack(b)[0]
        big = struct.pack("<100000i", *ints)
        acc += sum(struct.unpack("<100000i", big))
        acc += sum(x[0] for x in struct.iter_unpack("<i", big))
        return acc

    return timed(run)


def case_sha256():
    import hashlib
    data = bulk_bytes(int(100 * SCALE) << 20)
    view = memoryview(data)

    def run():
        h = hashlib.sha256()
        for i in range(0, len(data), 1 << 20):
            h.update(view[i:i + (1 << 20)])
        return h.hexdigest(), hashlib.sha256(data).hexdigest()

    return timed(run)


def case_zlib_compress():
    import zlib
    data = bulk_bytes(int(100 * SCALE) << 20)
    t, c = timed(lambda: zlib.compress(data))
    return t, (len(c), zlib.crc32(c))


def case_zlib_decompress():
    import zlib
    data = bulk_bytes(int(100 * SCALE) << 20)
    c = zlib.compress(data)

    def run():
        d = zlib.decompress(c)
        # and streaming, in 64 KiB input pieces, as gzip/zipfile read
        o = zlib.decompressobj()
        n = 0
        for i in range(0, len(c), 1 << 16):
            n += len(o.decompress(c[i:i + (1 << 16)]))
        n += len(o.flush())
        return len(d), n

    t, r = timed(run)
    return t, r


def case_crc32():
    import zlib
    data = bulk_bytes(int(100 * SCALE) << 20)
    return timed(lambda: (zlib.crc32(data), zlib.adler32(data)))


def case_decimal_telco():
    # pyperformance's telco in shape: per call, multiply, quantize with two
    # roundings, add, and str of the total (decimal_telco.py's billing loop,
    # 5 repetitions).
    from decimal_telco import make_calls, bill
    calls = make_calls(int(20000 * SCALE))
    return timed(lambda: bill(calls, 5))


def case_sqlite_insert():
    # 100,000 rows in one transaction, by executemany and by a loop of execute,
    # into an in-memory database; then one query reads them back (timed too).
    import sqlite3
    n = int(100000 * SCALE)
    rows = [(i, "name-%d" % i, i * 0.5) for i in range(n)]

    def run():
        res = []
        for many in (True, False):
            con = sqlite3.connect(":memory:")
            con.execute("create table t(id integer, name text, score real)")
            with con:
                if many:
                    con.executemany("insert into t values (?, ?, ?)", rows)
                else:
                    cur = con.cursor()
                    for r in rows:
                        cur.execute("insert into t values (?, ?, ?)", r)
            res.append(con.execute(
                "select count(*), sum(id), sum(length(name)), sum(score) from t").fetchone())
            con.close()
        return res

    return timed(run)


def case_asyncio_echo():
    # An echo server on loopback; 100 clients connect at once and each sends
    # 200 lines, reading every echo before sending the next.
    import asyncio
    nclients = 100
    nmsg = int(50 * SCALE)

    async def handle(reader, writer):
        while True:
            line = await reader.readline()
            if not line:
                break
            writer.write(line)
            await writer.drain()
        writer.close()
        await writer.wait_closed()

    async def client(port, k):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        got = 0
        for i in range(nmsg):
            msg = b"client %d message %d\n" % (k, i)
            writer.write(msg)
            await writer.drain()
            back = await reader.readline()
            assert back == msg, (back, msg)
            got += len(back)
        writer.close()
        await writer.wait_closed()
        return got

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        t0 = time.perf_counter()
        totals = await asyncio.gather(*(client(port, k) for k in range(nclients)))
        t = time.perf_counter() - t0
        server.close()
        await server.wait_closed()
        return t, sum(totals)

    return asyncio.run(main())


CASES = {name[5:]: f for name, f in sorted(globals().items()) if name.startswith("case_")}

if CASE == "list":
    print(" ".join(CASES))
else:
    elapsed, check = CASES[CASE]()
    print("checksum:", check)
    print("elapsed: %.6f" % elapsed)
