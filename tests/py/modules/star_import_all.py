# from module import * honours __all__.
before = set(globals())
from _star_all import *
added = sorted(set(globals()) - before - {"before"})
print(added)
print(public_a, _listed_private, Klass.__name__)
try:
    public_b
except NameError as e:
    print("NameError:", e)
try:
    _unlisted
except NameError as e:
    print("NameError:", e)
import _star_all
print(_star_all.__all__)
print(_star_all.public_b)

try:
    from _bad_all import *
except AttributeError as e:
    print("AttributeError:", e)
print("exists" in globals())

def star_in_function():
    exec("from _star_all import *")
    return "exec allowed it"
print(star_in_function())

try:
    compile("def f():\n    from _star_all import *\n", "<test>", "exec")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
