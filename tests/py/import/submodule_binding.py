# Only the import that loads a submodule binds it on its package: when the
# package rebinds that name (`from .tool import tool`), later imports of the
# submodule leave the package's attribute alone.
import importlib
import os
import shutil
import sys
import tempfile

root = tempfile.mkdtemp()
os.makedirs(os.path.join(root, "kit"))
with open(os.path.join(root, "kit", "__init__.py"), "w") as f:
    f.write("from .tool import tool\nfrom . import other\nother = 'rebound'\n")
with open(os.path.join(root, "kit", "tool.py"), "w") as f:
    f.write("def tool():\n    return 'the function'\n")
with open(os.path.join(root, "kit", "other.py"), "w") as f:
    f.write("X = 1\n")
with open(os.path.join(root, "kit", "late.py"), "w") as f:
    f.write("Y = 2\n")
sys.path.insert(0, root)
try:
    import kit

    print(type(kit.tool).__name__, kit.other)
    from kit.tool import tool

    import kit.tool
    import kit.other

    importlib.import_module("kit.tool")
    __import__("kit.other")
    print(type(kit.tool).__name__, kit.tool(), kit.other)
    print(type(sys.modules["kit.tool"]).__name__, sys.modules["kit.other"].X)
    # A submodule loaded for the first time is bound.
    import kit.late

    print(type(kit.late).__name__, kit.late.Y)
    del kit.late
    import kit.late

    print(hasattr(kit, "late"))
finally:
    sys.path.remove(root)
    shutil.rmtree(root)
