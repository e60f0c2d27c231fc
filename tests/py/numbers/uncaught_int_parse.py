# An uncaught ValueError from int() parsing
values = ["10", "20", "0x1f", "30"]
total = 0
for v in values:
    print("parsing", v)
    total += int(v)
    print("total", total)
print("unreachable")
