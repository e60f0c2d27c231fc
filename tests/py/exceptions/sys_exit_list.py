# A non-integer, non-None exit code is printed to stderr; code is 1.
import sys
print("exit with list")
sys.exit([1, "two"])
