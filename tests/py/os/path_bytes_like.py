# A bytes-like path other than bytes (bytearray, memoryview) is taken as
# bytes, with a DeprecationWarning naming the function and what it wants.
import os
import tempfile
import warnings

warnings.simplefilter("always")
with tempfile.TemporaryDirectory() as d:
    os.mkdir(os.path.join(d, "sub"))
    bd = os.fsencode(d)
    with warnings.catch_warnings(record=True) as w:
        print(os.stat(bytearray(bd)).st_mode == os.stat(d).st_mode)
        print(os.listdir(bytearray(bd)), os.listdir(memoryview(bd)))
        print(os.path.exists(bytearray(bd + b"/sub")))
    for x in w:
        print(x.category.__name__, x.message)
    try:
        os.stat(bytearray(bd + b"/missing"))
    except FileNotFoundError as e:
        print(type(e).__name__, type(e.filename).__name__)
    try:
        os.stat(bytearray(b"/tmp/\0x"))
    except ValueError as e:
        print(e)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            os.listdir(bytearray(bd))
        except DeprecationWarning as e:
            print("as error:", e)
