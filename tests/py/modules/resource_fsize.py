# A write past RLIMIT_FSIZE raises OSError (EFBIG) instead of killing the
# process: SIGXFSZ is ignored at start-up, as CPython does.
import errno, os, resource, tempfile

soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
fd, path = tempfile.mkstemp()
try:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    os.write(fd, b'x' * 1024)
    try:
        os.write(fd, b'y')
    except OSError as e:
        print('OSError', e.errno == errno.EFBIG, type(e).__name__)
finally:
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    os.close(fd)
    print(os.path.getsize(path))
    os.unlink(path)
