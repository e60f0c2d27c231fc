"""Scratch files for the io golden tests.

With the os module (CPython; ProtoPy once posix exists) each test gets a
directory of its own under /tmp, unique to the process, removed at the end.
Without it, files are named /tmp/protopy_io_<tag>_<name> (one fixed set per
test, overwritten by each run) since nothing else can remove them; a
file that must not exist yet gets a new name each run.
"""
import sys
import time

sys.path.append('/usr/lib/python3.11')
try:
    import os
except ImportError:
    os = None


class TempDir:
    def __init__(self, tag):
        self.tag = tag
        self.files = []
        self.dir = None
        if os is not None:
            self.dir = '/tmp/protopy_io_%d_%d_%s' % (os.getpid(), time.time_ns(), tag)
            os.mkdir(self.dir)

    def path(self, name, fresh=False):
        """The path of scratch file `name`; `fresh`: one that does not
        exist yet (without os, a new name each run)."""
        if self.dir is not None:
            p = self.dir + '/' + name
        elif fresh:
            p = '/tmp/protopy_io_%s_%d_%s' % (self.tag, time.time_ns(), name)
        else:
            p = '/tmp/protopy_io_%s_%s' % (self.tag, name)
        self.files.append(p)
        return p

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if os is not None:
            for p in set(self.files):
                try:
                    os.remove(p)
                except OSError:
                    pass
            os.rmdir(self.dir)
        return False
