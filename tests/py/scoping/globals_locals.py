# globals(), locals() and vars() behaviour.
module_var = 1
print("module_var" in globals(), globals() is locals())
print(vars() is globals())

def f(a, b=2):
    c = a + b
    snapshot = locals()
    return sorted(snapshot)
print(f(1))

def g():
    x = 1
    first = dict(locals())
    x = 2
    second = dict(locals())
    return first["x"], second["x"]
print(g())

def h():
    locals()["injected"] = 5
    try:
        return injected
    except NameError as e:
        return "NameError: " + str(e)
print(h())

def modify_global():
    globals()["made_via_globals"] = "hello"
modify_global()
print(made_via_globals)

def closure_locals():
    outer_v = "outer"
    def inner():
        return sorted(locals()), outer_v
    return inner()
print(closure_locals())

def unused_closure_not_in_locals():
    outer_v = "outer"
    def inner():
        return sorted(locals())
    return inner()
print(unused_closure_not_in_locals())

class K:
    a = 1
    b = 2
    names = sorted(n for n in locals() if not n.startswith("__"))
print(K.names)

def args_locals(*args, **kwargs):
    return sorted(locals().items())
print(args_locals(1, 2, k=3))

print(type(globals()).__name__, type(locals()).__name__)
g_copy = dict(globals())
new_name = 1
print("new_name" in g_copy, "new_name" in globals())

def vars_of_obj():
    class O:
        pass
    o = O()
    o.x = 1
    return vars(o)
print(vars_of_obj())
