"""Shared set-up of the os tests.

Makes CPython's own os.py importable where the interpreter does not yet put
the standard library on sys.path or list posix among its builtin modules
(nothing changes under CPython), and gives each test a fresh scratch
directory under /tmp whose name the test never prints.
"""
import sys

if '/usr/lib/python3.11' not in sys.path:
    sys.path.append('/usr/lib/python3.11')
if 'posix' not in sys.builtin_module_names:
    sys.builtin_module_names = sys.builtin_module_names + ('posix',)

import os


def scratch(tag):
    """Creates /tmp/<unique> and makes it the current directory."""
    path = '/tmp/protopy-os-%s-%d' % (tag, os.getpid())
    os.mkdir(path)
    os.chdir(path)
    return path


def cleanup(path):
    """Removes the scratch tree `path` (files, links and directories)."""
    os.chdir('/')
    for top, dirs, files in os.walk(path, topdown=False):
        for f in files:
            os.unlink(os.path.join(top, f))
        for d in dirs:
            p = os.path.join(top, d)
            if os.path.islink(p):
                os.unlink(p)
            else:
                os.rmdir(p)
    os.rmdir(path)
