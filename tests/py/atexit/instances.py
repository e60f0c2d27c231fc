# atexit's handlers belong to the interpreter, not to one module object:
# a second instance (imported again after `del sys.modules['atexit']`)
# registers in the same last-in-first-out list, and the handlers still run
# at exit when no instance is left in sys.modules.
import subprocess
import sys
import textwrap

code = textwrap.dedent("""
    import sys
    import atexit as first
    del sys.modules['atexit']
    import atexit as second
    del sys.modules['atexit']
    print("distinct:", first is not second)
    first.register(print, "registered through the first")
    second.register(print, "registered through the second")
    print("count:", first._ncallbacks(), second._ncallbacks())
    second.unregister(print)
    first.register(print, "the only one left", sep=": ", end="!\\n")
""")
r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(r.returncode)
print(r.stdout, end="")
print(repr(r.stderr))

code = textwrap.dedent("""
    import sys, atexit
    atexit.register(lambda: print("ran without the module"))
    del sys.modules["atexit"]
    del atexit
""")
r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(r.returncode, r.stdout, repr(r.stderr))
