# Functions keep their defining module's globals.
import _helper
from _helper import CONSTANT, get_constant, items, add_item

CONSTANT = "main's constant"
print(get_constant())
print(_helper.CONSTANT)
_helper.CONSTANT = "changed in module"
print(get_constant(), CONSTANT)

add_item(1)
print(items, _helper.items)
_helper.items = ["replaced"]
print(items, _helper.items, add_item(2), _helper.items)

print(get_constant.__globals__ is vars(_helper))
print(get_constant.__module__)

def mine():
    return CONSTANT
print(mine.__globals__ is globals())
print(mine.__module__)
print(_helper.Thing.__module__)
print(repr(_helper.Thing()))
exec_ns = {}
exec("def h():\n    return __name__", exec_ns)
print(exec_ns["h"]())
exec_ns["__name__"] = "custom name"
print(exec_ns["h"](), exec_ns["h"].__module__)
