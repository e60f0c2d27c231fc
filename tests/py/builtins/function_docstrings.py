# Builtin functions and the methods of builtin types carry docstrings, and
# the examples in them run as doctests.
import builtins
import doctest
import types

missing = []
for name, obj in sorted(vars(builtins).items()):
    if isinstance(obj, types.BuiltinFunctionType) and not name.startswith("_"):
        if not isinstance(obj.__doc__, str) or not obj.__doc__.strip():
            missing.append(name)
print("functions without a docstring:", missing)

# Bound and unbound builtin methods share the function's docstring.
print([].append.__doc__ == list.append.__doc__)
print((7).bit_length.__doc__ == int.bit_length.__doc__)
print(isinstance(float.fromhex.__doc__, str))

# __doc__ of a builtin function is read-only.
try:
    len.__doc__ = "x"
except AttributeError as e:
    print("AttributeError")

finder = doctest.DocTestFinder()
tests = [t for t in finder.find(builtins) if t.examples]
print(sorted(t.name for t in tests))
runner = doctest.DocTestRunner(verbose=False)
for t in tests:
    runner.run(t)
print("failed:", runner.summarize(verbose=False).failed)
