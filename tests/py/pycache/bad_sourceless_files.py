# Importing a `.pyc` with no source beside it whose header is not a cache
# file's: the ImportError names the module and the file, and `-m` reports it
# as an error while finding the module specification, without a traceback.
import os
import subprocess
import sys
import tempfile

with tempfile.TemporaryDirectory() as d:
    os.mkdir(os.path.join(d, "emptypkg"))
    open(os.path.join(d, "emptypkg", "__init__.pyc"), "wb").close()
    files = {
        "letters": b"abcdefghijklmnopqrstuvwxyz",
        "tiny": b"\x01\x02",
        "zeros": bytes(16),
    }
    for name, data in files.items():
        with open(os.path.join(d, name + ".pyc"), "wb") as f:
            f.write(data)
    sys.path.insert(0, d)
    for name in ["emptypkg", *files]:
        try:
            __import__(name)
            print(name, "imported?")
        except ImportError as e:
            print(type(e).__name__, e, "| name:", e.name,
                  "| path:", os.path.relpath(e.path, d))
    sys.path.remove(d)

    for args in (["-m", "emptypkg"], ["-m", "emptypkg.sub"], ["-m", "letters"]):
        p = subprocess.run([sys.executable, *args], cwd=d, capture_output=True)
        err = p.stderr.decode().replace(sys.executable, "PYTHON")
        print(args, "status", p.returncode)
        print(" ", err.rstrip().replace(d, "DIR"))
