# _testinternalcapi: the run's configuration and the Python frame depth.
import sys
import _testinternalcapi

cfg = _testinternalcapi.get_config()
print(cfg["code_debug_ranges"], cfg["argv"] == sys.argv, cfg["executable"] == sys.executable)
print(cfg["optimization_level"] == sys.flags.optimize, cfg["site_import"] == (not sys.flags.no_site))
print(cfg["write_bytecode"] == (not sys.flags.dont_write_bytecode))
print(cfg["filesystem_encoding"] == sys.getfilesystemencoding())


def depth():
    return _testinternalcapi.get_recursion_depth()


def deeper():
    return depth()


print(deeper() - depth())
try:
    _testinternalcapi.get_config(1)
except TypeError:
    print("TypeError")
