# _imp (builtin modules, the import lock), _warnings, sys.flags, writable property docs.
import _imp
import _warnings
import sys

print(_imp.is_builtin("math"), _imp.is_builtin("sys"), _imp.is_builtin("os"), _imp.is_builtin("nope"))
print(_imp.is_frozen("nope"), _imp.lock_held())
_imp.acquire_lock()
_imp.acquire_lock()
print("held:", _imp.lock_held())
_imp.release_lock()
_imp.release_lock()
print("held:", _imp.lock_held())
try:
    _imp.release_lock()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    _imp.is_builtin(3)
except TypeError:
    print("TypeError for a non-str name")


class Spec:
    name = "math"


m = _imp.create_builtin(Spec())
print(m.__name__, m.sqrt(16.0), _imp.exec_builtin(m))
Spec.name = "not_builtin"
print(_imp.create_builtin(Spec()))

_warnings.warn("from _warnings", UserWarning)
_warnings.warn_explicit("explicit", RuntimeWarning, "somefile.py", 7)

print(sys.flags.verbose, sys.flags.optimize, sys.flags.no_site, len(sys.flags))
print(type(sys.flags).__name__, sys.flags[0] == sys.flags.debug)


class C:
    @property
    def x(self):
        "original"
        return 1


C.x.__doc__ = "replaced"
print(C.x.__doc__)
p = property(lambda self: 2)
p.__doc__ = "set later"
print(p.__doc__)
