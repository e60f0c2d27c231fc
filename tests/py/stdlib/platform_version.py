# platform parses sys.version: its functions that read it work and agree
# with sys.version_info.
import platform
import sys

print(type(platform.python_implementation()).__name__)
print(platform.python_version_tuple()[:2])
major, minor = platform.python_version().split(".")[:2]
print((int(major), int(minor)) == sys.version_info[:2])
print(type(platform.python_build()).__name__, len(platform.python_build()))
print(type(platform.python_compiler()).__name__, platform.python_compiler() != "")
print(sys.version.split()[0] == platform.python_version())
try:
    platform._sys_version("not a version")
except ValueError as e:
    print("ValueError:", e)
