# Modulo by zero and float division by zero messages, the last one uncaught.
try:
    7 % 0
except ZeroDivisionError as e:
    print("modulo:", e)
try:
    7.0 / 0
except ZeroDivisionError as e:
    print("float division:", e)
try:
    divmod(7, 0)
except ZeroDivisionError as e:
    print("divmod:", e)
try:
    7.5 // 0.0
except ZeroDivisionError as e:
    print("float floor division:", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("power:", e)
x = 0
print(1 / x)
