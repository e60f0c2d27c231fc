# ExceptionGroup and except* (Python 3.11).
eg = ExceptionGroup("batch", [ValueError("v1"), TypeError("t1"), ValueError("v2")])
print(eg.message, len(eg.exceptions))
print(str(eg))
print([type(e).__name__ for e in eg.exceptions])

try:
    raise eg
except* ValueError as g:
    print("ValueError group:", [str(e) for e in g.exceptions], type(g).__name__)
except* TypeError as g:
    print("TypeError group:", [str(e) for e in g.exceptions])

try:
    try:
        raise ExceptionGroup("outer", [KeyError("k"), ValueError("v")])
    except* ValueError:
        print("handled ValueError part")
except ExceptionGroup as rest:
    print("remaining:", [type(e).__name__ for e in rest.exceptions], rest.message)

match, rest = eg.split(ValueError)
print([str(e) for e in match.exceptions], [str(e) for e in rest.exceptions])
sub = eg.subgroup(TypeError)
print([str(e) for e in sub.exceptions])
print(eg.subgroup(KeyError))

try:
    raise ValueError("plain")
except* ValueError as g:
    print("plain exception wrapped:", type(g).__name__, [str(e) for e in g.exceptions])

nested = ExceptionGroup("top", [ValueError("a"), ExceptionGroup("inner", [ValueError("b"), KeyError("c")])])
try:
    raise nested
except* ValueError as g:
    print("nested match count:", len(g.exceptions))
except* KeyError as g:
    print("key part:", repr(g.exceptions[0]))

try:
    ExceptionGroup("empty", [])
except ValueError as e:
    print("ValueError:", e)
try:
    ExceptionGroup("bad", [1])
except ValueError as e:
    print("ValueError:", e)
bg = BaseExceptionGroup("base", [ValueError("x")])
print(type(bg).__name__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
