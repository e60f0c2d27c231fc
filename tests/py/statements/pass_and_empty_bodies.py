# pass, ellipsis bodies, and docstring-only bodies
def nothing():
    pass
def ellipsis_body():
    ...
def doc_only():
    "only a docstring"
class Empty:
    pass
class DocOnly:
    """class docstring"""
print(nothing(), ellipsis_body(), doc_only(), doc_only.__doc__, DocOnly.__doc__, Empty.__doc__)
for i in range(3):
    pass
print("i after pass loop", i)
while False:
    pass
if True:
    pass
else:
    pass
try:
    pass
except Exception:
    pass
finally:
    pass
with open.__class__ if False else type("CM", (), {"__enter__": lambda s: s, "__exit__": lambda s, *a: None})():
    pass
print(type(Empty()).__name__, Empty.__name__)
x = 1; pass; y = 2
print(x, y)
def multi():
    pass
    pass
    return "after passes"
print(multi())
