# Evaluation order of arguments, defaults and calls.
trace = []
def t(label, value=None):
    trace.append(label)
    return value if value is not None else label

def f(*args, **kwargs):
    return args, sorted(kwargs.items())

r = f(t("a"), t("b"), x=t("x"), y=t("y"))
print(trace, r)
trace.clear()

r = f(t("p1"), *[t("star")], t("p2"), k=t("k"), **{"m": t("dstar")})
print(trace)
trace.clear()

def defaults(a=t("default-a"), b=t("default-b")):
    return a, b
print(trace)
trace.clear()
print(defaults())
print(trace)

def get_fn():
    trace.append("fn")
    return f
trace.clear()
get_fn()(t("arg"))
print(trace)

trace.clear()
def kwo(*, a=t("kwdefault-a"), b=t("kwdefault-b")):
    pass
print(trace)

trace.clear()
def with_ann(x: t("ann-x") = t("def-x")) -> t("ann-ret"):
    pass
print(trace)

trace.clear()
def deco(label):
    trace.append("deco-expr " + label)
    def d(fn):
        trace.append("deco-call " + label)
        return fn
    return d

@deco("1")
@deco("2")
def decorated(p=t("decorated-default")):
    pass
print(trace)

trace.clear()
result = t("left", 1) + t("right", 2) * t("third", 3)
print(result, trace)

trace.clear()
def side(n):
    trace.append(n)
    return n
print(max(side(1), side(5), side(3)), trace)

trace.clear()
d = {t("k1"): t("v1"), t("k2"): t("v2")}
print(trace)

trace.clear()
obj_list = [10, 20, 30]
obj_list[t("idx", 1)] = t("val", 99)
print(obj_list, trace)
