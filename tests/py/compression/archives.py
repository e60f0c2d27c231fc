# gzip, zipfile, tarfile and shutil archives over zlib, in a temporary folder.
import gzip, zipfile, tarfile, shutil, os, io, tempfile

payload = b"".join(b"%d squared is %d\n" % (i, i * i) for i in range(500))

with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "data.gz")
    with gzip.open(p, "wb", compresslevel=5) as f:
        f.write(payload)
    with gzip.open(p, "rb") as f:
        print(f.read() == payload)
    with gzip.open(p, "rt", encoding="ascii") as f:
        print(f.readline(), end="")
    blob = gzip.compress(payload, mtime=0)
    print(blob[:4].hex(), gzip.decompress(blob) == payload)
    print(gzip.decompress(blob + gzip.compress(b"second member", mtime=0))[-13:])
    try:
        gzip.decompress(blob[:-6])
    except Exception as e:
        print(type(e).__name__, e)
    try:
        gzip.decompress(b"\x1f\x8bnot really")
    except Exception as e:
        print(type(e).__name__)

    src = os.path.join(d, "src")
    os.makedirs(os.path.join(src, "sub"))
    for name, n in [("a.txt", 10), ("b.txt", 200), ("sub/c.txt", 3000)]:
        with open(os.path.join(src, name), "wb") as f:
            f.write(payload[:n])

    zp = os.path.join(d, "files.zip")
    with zipfile.ZipFile(zp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for root, dirs, files in os.walk(src):
            dirs.sort()
            for fn in sorted(files):
                full = os.path.join(root, fn)
                zf.write(full, os.path.relpath(full, src))
        zf.writestr("note.txt", "written from a string " * 20)
        zf.writestr("stored.txt", b"no compression", compress_type=zipfile.ZIP_STORED)
    with zipfile.ZipFile(zp) as zf:
        print(zf.testzip())
        for info in zf.infolist():
            print(info.filename, info.file_size, info.compress_type, info.CRC)
        print(zf.read("sub/c.txt") == payload[:3000])
        with zf.open("note.txt") as f:
            print(f.read(22))
        zf.extractall(os.path.join(d, "unzipped"))
    print(sorted(os.listdir(os.path.join(d, "unzipped"))))

    mem = io.BytesIO()
    with zipfile.ZipFile(mem, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x", payload)
    damaged = bytearray(mem.getvalue())
    damaged[60] ^= 0xFF
    try:
        with zipfile.ZipFile(io.BytesIO(bytes(damaged))) as zf:
            zf.read("x")
    except Exception as e:
        print("damaged zip:", type(e).__name__)

    tp = os.path.join(d, "files.tar.gz")
    with tarfile.open(tp, "w:gz") as tf:
        tf.add(src, arcname="src")
    with tarfile.open(tp, "r:gz") as tf:
        print(sorted(tf.getnames()))
        m = tf.getmember("src/sub/c.txt")
        print(m.size, tf.extractfile(m).read() == payload[:3000])
    with tarfile.open(tp) as tf:
        print(len(tf.getmembers()))
    mem = io.BytesIO()
    with tarfile.open(fileobj=mem, mode="w:gz") as tf:
        info = tarfile.TarInfo("hello.txt")
        info.size = 5
        tf.addfile(info, io.BytesIO(b"hello"))
    mem.seek(0)
    with tarfile.open(fileobj=mem, mode="r:*") as tf:
        print(tf.extractfile("hello.txt").read())

    for mode in ("bz2", "xz"):
        path = os.path.join(d, "files.tar." + mode)
        with tarfile.open(path, "w:" + mode) as tf:
            tf.add(src, arcname="src")
        with tarfile.open(path) as tf:
            print(mode, sorted(tf.getnames())[-1], tf.extractfile("src/b.txt").read() == payload[:200])
    print([name for name, desc in shutil.get_archive_formats()])
    for fmt in ("gztar", "bztar", "xztar", "zip", "tar"):
        arch = shutil.make_archive(os.path.join(d, "arch_" + fmt), fmt, src)
        dest = os.path.join(d, "out_" + fmt)
        shutil.unpack_archive(arch, dest)
        print(fmt, os.path.basename(arch), sorted(os.listdir(dest)),
              open(os.path.join(dest, "sub", "c.txt"), "rb").read() == payload[:3000])
