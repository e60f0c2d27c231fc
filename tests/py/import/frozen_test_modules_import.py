# CPython's frozen test modules (__hello__, its aliases, the __phello__
# package) are imported by the import statement through importlib's
# FrozenImporter while the frozen modules are in use, and from the standard
# library's files when they are not (test.support's frozen_modules switch).
import contextlib
import io
import sys

import _imp
from importlib.machinery import FrozenImporter


def forget(*names):
    for n in names:
        sys.modules.pop(n, None)


@contextlib.contextmanager
def frozen(on):
    _imp._override_frozen_modules_for_tests(1 if on else -1)
    try:
        yield
    finally:
        _imp._override_frozen_modules_for_tests(0)


def loader_name(m):
    ld = m.__spec__.loader
    return "FrozenImporter" if ld is FrozenImporter else type(ld).__name__


with frozen(True):
    import __hello__
    import __hello_alias__
    import __phello_alias__.spam
out = io.StringIO()
with contextlib.redirect_stdout(out):
    __hello__.main()
    __hello_alias__.main()
print(repr(out.getvalue()))
for m in (__hello__, __hello_alias__, __phello_alias__, __phello_alias__.spam):
    print(m.__name__, loader_name(m), m.__spec__.origin, hasattr(m, "__path__"), m.__spec__.loader_state.origname)

forget("__phello__", "__phello__.spam")
with frozen(False):
    import __phello__
with frozen(True):
    import __phello__.spam as spam
print(spam is __phello__.spam, loader_name(__phello__), loader_name(spam))

forget("__phello__", "__phello__.spam")
with frozen(True):
    import __phello__
with frozen(False):
    import __phello__.spam as spam
print(spam is __phello__.spam, loader_name(__phello__), loader_name(spam))
print([p.rsplit("/", 1)[-1] for p in __phello__.__path__])

forget("__hello_alias__")
with frozen(False):
    try:
        import __hello_alias__
    except ModuleNotFoundError as e:
        print(type(e).__name__, e.name)
