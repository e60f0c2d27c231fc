# sys.exit with a string prints it to stderr and exits with code 1.
import sys
print("stdout before")
try:
    sys.exit("caught message")
except SystemExit as e:
    print("caught:", e.code, type(e.code).__name__)
print("exiting now")
sys.exit("fatal: configuration missing")
