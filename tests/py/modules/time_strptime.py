# time.strptime parses through _strptime, as CPython's C function does.
import time

print(time.strptime("2020-01-05", "%Y-%m-%d"))
print(time.strptime("Tue Nov 24 21:00:00 2026"))
print(tuple(time.strptime("23:59:58 31/12/1999", "%H:%M:%S %d/%m/%Y")))
print(time.strptime("2024 060", "%Y %j").tm_mon)
st = time.strptime("1 Mar 2021", "%d %b %Y")
print(st.tm_wday, st.tm_yday, st.tm_isdst)
for args in [(), (1,), ("x",), ("2020", 5), ("2020", "%Y", 1), ("13", "%m")]:
    try:
        time.strptime(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    time.strptime(string="2020", format="%Y")
except TypeError as e:
    print("TypeError", e)
