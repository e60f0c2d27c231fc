# In __main__, __builtins__ is the builtins module (attribute access works);
# code run by exec with a fresh dict sees the builtins dict.
import builtins

print(type(__builtins__).__name__, __builtins__ is builtins)
saved = __builtins__.len
__builtins__.len = lambda x: 42
print(len([1, 2]))
__builtins__.len = saved
print(len([1, 2]))
g = {}
exec("b = __builtins__", g)
print(type(g["b"]).__name__, g["b"] is builtins.__dict__)
exec("print(type(__builtins__).__name__)", {"__builtins__": builtins})
