"""Shared set-up of the os tests: each test works in a fresh scratch
directory under /tmp whose name it never prints."""
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
