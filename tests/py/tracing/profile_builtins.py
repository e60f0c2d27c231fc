# sys.setprofile: call/return of Python functions and c_call/c_return/
# c_exception around builtin functions; profile hooks see no line events.
import sys

seen = []


def prof(frame, event, arg):
    if event.startswith("c_"):
        seen.append((event, arg.__name__))
    else:
        seen.append((event, frame.f_code.co_name))


def work(xs):
    xs.append(len(xs))
    try:
        int("nope")
    except ValueError:
        pass
    return sorted(xs)


sys.setprofile(prof)
work([3, 1])
sys.setprofile(None)
for e in seen:
    print(*e)
print(sys.getprofile())


def gen():
    yield 1
    yield 2


seen.clear()
sys.setprofile(prof)
for v in gen():
    pass
sys.setprofile(None)
print([e for e in seen if e[1] == "gen"])
