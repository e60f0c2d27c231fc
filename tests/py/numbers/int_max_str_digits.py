# The int <-> decimal string digit limit (CPython 3.11): sys.get/set_int_max_str_digits,
# int(str), str/repr, f-strings, %, format(); powers of two bases are exempt.
import sys
print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits())
for v in [0, 640, 639, -1, 5000, True, 2**70]:
    try:
        sys.set_int_max_str_digits(v); print(v, sys.get_int_max_str_digits())
    except Exception as e:
        print(type(e).__name__, e)
for bad in ['5', 1.5]:
    try:
        sys.set_int_max_str_digits(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    sys.set_int_max_str_digits()
except Exception as e:
    print(type(e).__name__, e)
sys.set_int_max_str_digits(maxdigits=700); print(sys.get_int_max_str_digits())
try:
    sys.get_int_max_str_digits(1)
except Exception as e:
    print(type(e).__name__, e)
s = "7" * 701
for conv in (lambda: int(s), lambda: int("-" + s), lambda: int(s[:700]) % 1000,
             lambda: len(str(10 ** 699)), lambda: str(10 ** 700), lambda: repr(-10 ** 700),
             lambda: f"{10 ** 700}", lambda: "%d" % 10 ** 700, lambda: format(10 ** 700, "d"),
             lambda: int("1" * 5000, 16) % 97, lambda: hex(16 ** 900)[:6], lambda: int("0x" + "f" * 900, 0) % 10,
             lambda: int(s, 8) % 5, lambda: len(str(2 ** 2300))):
    try:
        print(conv())
    except ValueError as e:
        print("ValueError:", e)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 5000)), int("9" * 5000) % 1000)
sys.set_int_max_str_digits(4300)
try:
    int("1" * 5000)
except ValueError as e:
    print("ValueError:", e)
print(len(str(int("1" * 4300))))

# The limit is one setting for every thread.
import threading
sys.set_int_max_str_digits(1000)
seen = []
t = threading.Thread(target=lambda: seen.append(sys.get_int_max_str_digits()))
t.start()
t.join()
print("other thread sees", seen)
try:
    threading.Thread(target=lambda: str(10 ** 1200)).run()
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(4300)
