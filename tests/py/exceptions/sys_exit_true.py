# sys.exit(True) exits with code 1 and prints nothing to stderr.
import sys
print("exit with True")
sys.exit(True)
