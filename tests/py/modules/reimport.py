# Removing a module from sys.modules forces re-execution; old references survive.
import sys
import _config
old = _config
old.version = 50
print(_config.version)

del sys.modules["_config"]
import _config as fresh
print(fresh is old, fresh.version, old.version)
print(sys.modules["_config"] is fresh)

from _config import describe as fresh_describe
print(fresh_describe())
print(old.describe())

old_bump = old.bump
print(old_bump(), old.version, fresh.version)

del sys.modules["_config"]
del fresh
import _config
print(_config.version, _config is old)

saved = sys.modules.pop("_counter", None)
print(saved)
import _counter
import _counter
print(_counter.loads)

class Replacement:
    version = "replacement object"
sys.modules["_config"] = Replacement()
import _config
print(_config.version)
from _config import version
print(version)
