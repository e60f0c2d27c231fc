# input() with a sys.stdout that has write but no flush: the prompt is
# written, the missing flush is no error.
import io
import sys


class WriteOnly:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


class FailingFlush(WriteOnly):
    def flush(self):
        raise OSError("cannot flush")


saved_in, saved_out = sys.stdin, sys.stdout
results = []
try:
    for out in (WriteOnly(), FailingFlush()):
        sys.stdin = io.StringIO("first line\nsecond")
        sys.stdout = out
        results.append((input("prompt> "), input(), out.parts))
        try:
            input()
        except EOFError as e:
            results.append((type(e).__name__, str(e)))
finally:
    sys.stdin, sys.stdout = saved_in, saved_out
for r in results:
    print(r)
