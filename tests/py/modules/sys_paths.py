# sys: where modules come from (path, prefix, executable, builtin modules, stdlib).
import os
import sys

print(sys.platlibdir)
print(all(isinstance(p, str) for p in sys.path), os.path.isabs(sys.executable))
print(sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
print(any(os.path.isfile(os.path.join(p, "os.py")) for p in sys.path))
print(isinstance(sys.prefix, str), sys.prefix == sys.exec_prefix == sys.base_prefix)
names = sys.builtin_module_names
print(type(names).__name__, "sys" in names, "builtins" in names, "posix" in names, "os" in names)
print(list(names) == sorted(names))
print(os.__name__, os.path.__name__, sys.modules["os"] is os)
