# sys.exit(None) and SystemExit() mean success.
import sys
try:
    raise SystemExit
except SystemExit as e:
    print("code:", e.code)
try:
    sys.exit(None)
except SystemExit as e:
    print("code:", e.code)
try:
    sys.exit(False)
except SystemExit as e:
    print("code:", e.code)
print(issubclass(SystemExit, Exception))
try:
    try:
        sys.exit(5)
    except Exception:
        print("not caught by Exception")
except BaseException as e:
    print("caught by BaseException:", type(e).__name__, e.code)
print("final line")
sys.exit(None)
