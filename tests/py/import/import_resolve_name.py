# __import__'s relative-name resolution as CPython's resolve_name: globals
# omitted (KeyError) or not a dict (TypeError), __package__ and __spec__
# checked and compared (ImportWarning when they disagree), the __name__
# fallback with its warning, levels beyond the top; a fromlist entry whose
# submodule is blocked by None in sys.modules raises.
import warnings, sys
def t(*a, **k):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = __import__(*a, **k)
            print("ok", getattr(r, "__name__", r))
        except Exception as e:
            print(type(e).__name__, e)
        for x in w: print("  warn", x.category.__name__, x.message)
class Spec:
    def __init__(self, p): self.parent = p
t("sys", level=1)
t("sys", None, None, None, 1)
t("a", {"__package__": "", "__spec__": None}, level=1)
t("a", {"__package__": 5}, level=1)
t("a", {"__spec__": Spec(5)}, level=1)
t("a", {"__name__": 5}, level=1)
t("path", {"__package__": "os", "__spec__": Spec("xx")}, None, ["sep"], 1)
t("path", {"__package__": "os", "__spec__": Spec("os")}, None, ["sep"], 1)
t("path", {"__spec__": Spec("os")}, None, ["sep"], 1)
t("path", {"__name__": "os.x"}, None, ["sep"], 1)
t("path", {"__name__": "os", "__path__": []}, None, ["sep"], 1)
t("x", {"__name__": "top"}, None, [], 1)
t("x", {"__package__": "a"}, None, [], 3)
t("x", [], None, [], 1)
t("json", [], None, [], 0)
import types
mod = types.ModuleType("pkgblk"); mod.__path__ = []
sys.modules["pkgblk"] = mod; sys.modules["pkgblk.sub"] = None
t("pkgblk", fromlist=["sub"])
try:
    __import__("pkgblk", fromlist=["sub"])
except ModuleNotFoundError as e:
    print(e.name)
del sys.modules["pkgblk.sub"]
t("pkgblk", fromlist=["sub"])
