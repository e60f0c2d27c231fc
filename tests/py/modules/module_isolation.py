# Each module has its own global namespace; from-imports copy bindings.
import _config
import _other
from _config import version, settings, bump

name = "main module"
print(_config.describe())
print(_other.describe())
print(name, _config.name, _other.name)

print(bump(), bump())
print("from-imported version stays:", version)
print("module attribute updated:", _config.version)

settings["debug"] = True
print("shared mutable object:", _config.describe())

_config.name = "renamed config"
print(_config.describe())
print(_other.describe())

_other.describe.__globals__["version"] = 7
print(_other.describe(), _other.version)

def describe():
    return "main describe"
print(describe(), _config.describe is not describe)

from _other import describe
print(describe())
import _other as second_alias
print(second_alias is _other, second_alias.version)
