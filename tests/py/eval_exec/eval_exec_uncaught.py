# An exception raised inside exec'd code propagates with a traceback.
source = """
def divide(a, b):
    return a / b

def run():
    return [divide(10, n) for n in (5, 2, 0)]
"""
ns = {}
exec(compile(source, "<generated>", "exec"), ns)
print(ns["divide"](9, 3))
print(ns["run"]())
