# The event names a trace function receives stay valid strs when the
# program made the same names first (as identifiers of code compiled at run
# time, or with sys.intern) and those were collected in between.
import gc
import sys

ns = {}
exec("def call(line):\n    ret = line + 1\n    return ret\n", ns)
mine = sys.intern("".join(["ret", "urn"]))


def tracer(frame, event, arg):
    seen.append((event, frame.f_code.co_name))
    kept.append(event)
    return tracer


kept = []
for round_ in range(3):
    seen = []
    sys.settrace(tracer)
    ns["call"](round_)
    sys.settrace(None)
    print(round_, seen)
    if round_ == 0:
        ns.clear()
        exec("def call(line):\n    return line\n", ns)
        del mine
    gc.collect()
print(sorted(set(e.upper() for e in kept)), len(kept))
