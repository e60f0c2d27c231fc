# A write into a full pipe, cut short by a signal whose handler raises: the
# exception comes out of write() itself, buffered or not, and the bytes
# written before it are not written again.
import io
import os
import signal
import threading


def handler(signum, frame):
    raise InterruptedError("alarm handler")


signal.signal(signal.SIGALRM, handler)
for buffering in (0, -1):
    r, w = os.pipe()
    first = []
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
    t = threading.Thread(target=lambda: first.append(os.read(r, 1)), daemon=True)
    t.start()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGALRM])
    f = io.open(w, "wb", buffering=buffering, closefd=False)
    signal.alarm(1)
    try:
        f.write(b"ab" * 200000)
        print("write returned")
    except InterruptedError as e:
        print(type(f).__name__, "raised", e)
    finally:
        signal.alarm(0)
        t.join()
    print("next bytes", first[0] + os.read(r, 1))
    os.close(w)
    os.close(r)
    try:
        f.close()
    except OSError:
        pass
