# Helper of the random tests: puts CPython's pure-Python library on the
# path and, while ProtoPy has no `os` yet, gives random.py a stand-in `os`
# (random.py only needs os.urandom, for unseeded generators, and
# os.register_at_fork if present). Under CPython the real os is used.
import sys

sys.path.append('/usr/lib/python3.11')
try:
    import os
except ImportError:
    os = type(sys)('os')

    def urandom(n):
        raise NotImplementedError('stand-in os has no urandom')

    os.urandom = urandom
    sys.modules['os'] = os
