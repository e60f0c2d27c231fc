# Mapping patterns: keys equal as dict keys are duplicates (at compile
# time for literals, at match time for attribute lookups); f-strings are
# no patterns.


def compile_error(src):
    try:
        compile(src, "<pattern>", "exec")
    except SyntaxError as e:
        print(repr(src.splitlines()[1].strip()), "->", e.msg, (e.lineno, e.offset))
    else:
        print(repr(src.splitlines()[1].strip()), "-> compiles")


for keys in ["0: a, False: b", "1: a, 1.0: b", "0: a, 0j: b", "0: a, -0: b",
             "0.0: a, -0.0: b", "2: a, 2.5: b", "'x': a, b'x': b", "1: a, True: b",
             "None: a, None: b", "1j: a, 1: b", "-1: a, -1.0: b"]:
    compile_error("match s:\n    case {%s}:\n        pass\n" % keys)

compile_error("match s:\n    case f'':\n        pass\n")
compile_error("match s:\n    case f'{s}':\n        pass\n")
compile_error("match s:\n    case 'a' f'b':\n        pass\n")


class K:
    A = "a"
    ONE = 1


def m(subject):
    try:
        match subject:
            case {K.A: x, "a": y}:
                return ("first", x, y)
            case {K.ONE: x, True: y}:
                return ("second", x, y)
            case {K.A: x}:
                return ("third", x)
    except ValueError as e:
        return (type(e).__name__, str(e))
    return None


print(m({"a": 1}))
print(m({"a": 1, "b": 2}))
print(m({1: 2, 3: 4}))
print(m({"b": 1, "c": 2}))
print(m({}))
