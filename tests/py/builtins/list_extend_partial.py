# list.extend and += keep the items an iterator produced before it raised,
# as CPython's (shlex-based splitters rely on it); other errors leave the
# list as it was.
def gen(n, exc):
    for i in range(n):
        yield i
    raise exc

for op in ("extend", "iadd"):
    out = ["start"]
    try:
        if op == "extend":
            out.extend(gen(3, ValueError("stop")))
        else:
            out += gen(2, KeyError("k"))
    except (ValueError, KeyError) as e:
        print(op, type(e).__name__, out)

class BadIter:
    def __iter__(self):
        raise RuntimeError("no iterator")
out = [1]
try:
    out.extend(BadIter())
except RuntimeError as e:
    print("iter failed:", e, out)
try:
    out.extend(5)
except TypeError as e:
    print("TypeError:", e, out)

import shlex
lex = shlex.shlex("cmd 'unterminated arg", posix=True)
lex.whitespace_split = True
got = []
try:
    got.extend(lex)
except ValueError as e:
    got.append(lex.token)
    print(e, got)
shared = []
import threading
def worker(k):
    for _ in range(200):
        try:
            shared.extend(gen(3, OverflowError()))
        except OverflowError:
            pass
ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(shared), sorted(set(shared)))
