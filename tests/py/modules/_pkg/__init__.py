print("  [_pkg/__init__ executing, __name__ =", __name__ + ", __package__ =", __package__ + "]")
PKG_VALUE = "package level"

def pkg_func():
    return "pkg_func in " + __name__
