# sys.version_info, sys.thread_info and sys.float_info are struct sequences:
# tuples with read-only named fields, a named repr, and no way to make more.
import sys
vi = sys.version_info
print(type(vi).__name__, type(vi).__module__, vi.major, vi.minor, vi[:2], vi >= (3, 8), vi.releaselevel, len(vi), isinstance(vi, tuple))
print(repr(vi)[:30], type(vi).n_fields, type(vi).n_sequence_fields, type(vi).n_unnamed_fields, type(vi).__match_args__)
maj, mi, *_ = vi; print(maj, mi)
for stmt in ("vi.major = 4", "type(vi)()", "type(vi)((1, 2, 3, 4, 5))", "del vi.minor"):
    try: exec(stmt); print(stmt, "ok")
    except (TypeError, AttributeError) as e: print(stmt, type(e).__name__, e)
try:
    class X(type(vi)): pass
except TypeError as e: print("TypeError", e)
ti = sys.thread_info
print(type(ti).__name__, ti.name, ti.lock in ("semaphore", "mutex+cond"), isinstance(ti.version, (str, type(None))), len(ti))
fi = sys.float_info
print(fi.max, fi.min, fi.epsilon, fi.dig, fi.mant_dig, fi.max_exp, fi.min_exp, fi.max_10_exp, fi.min_10_exp, fi.radix, fi.rounds, len(fi))
print(repr(fi))
print(fi == tuple(fi), hash(vi) == hash(tuple(vi)), vi.count(0) >= 1, vi.index(3))
match vi:
    case (3, minor, *rest): print("matched", minor)
