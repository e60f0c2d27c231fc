# Basic import forms.
print("importing _helper")
import _helper
print(_helper.CONSTANT, _helper.greet("main"))
print(_helper.__name__, _helper.__doc__)
print(type(_helper).__name__)

import _helper as h
print(h is _helper, h.get_constant())

from _helper import greet, CONSTANT as C, Thing
print(greet("from-import"), C, Thing())

from _helper import _private
print(_private)

from _helper import (add_item,
                     items)
print(add_item("x"), add_item("y"), items, _helper.items is items)

_helper.CONSTANT = 100
print(_helper.get_constant(), C)

import _helper, _counter
print(_counter.loads)

def local_import():
    import _helper as inner_alias
    return inner_alias.greet("function")
print(local_import())
print("inner_alias" in globals())

from _helper import greet as g1, greet as g2
print(g1 is g2)

import sys
print(sys.modules["_helper"] is _helper)
print(__name__)
print(sorted(n for n in dir(_helper) if not n.startswith("__")))
