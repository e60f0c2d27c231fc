# sys.exit with an integer code.
import sys
print("before exit")
try:
    sys.exit(0)
except SystemExit as e:
    print("caught SystemExit code", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("no-arg code", e.code)
try:
    raise SystemExit(7)
except SystemExit as e:
    print("raised code", e.code, e.args)
def cleanup():
    try:
        sys.exit(3)
    finally:
        print("finally runs during exit")
cleanup()
print("never printed")
