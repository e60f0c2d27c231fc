# Substring search where the needle's first character keeps turning up
# without a match: `in`, find/rfind/index/rindex, count, split/rsplit,
# replace and partition, on str and bytes, for needles of 2 to 40
# characters in texts of 60 to 5000, ASCII and not.
def text(n, unit):
    return (unit * (n // len(unit) + 1))[:n]

cases = []
for n in (60, 64, 65, 200, 1000, 5000):
    for unit in ("ab", "abc", "aab", "é-é", "path/to/"):
        hay = text(n, unit)
        for needle in (unit[:2], unit * 3, unit * 3 + "x", "x" + unit * 5,
                       hay[n // 3:n // 3 + 17], hay[-25:], "a" * 9, "é" * 10):
            cases.append((hay, needle))

total = 0
for hay, needle in cases:
    r = (needle in hay, hay.find(needle), hay.rfind(needle), hay.count(needle),
         len(hay.split(needle)), len(hay.rsplit(needle, 3)),
         len(hay.replace(needle, "<>")), hay.partition(needle)[0][-3:],
         hay.rpartition(needle)[2][:3], hay.find(needle, 7, len(hay) - 5))
    total += r[1] + r[2] + r[3] + r[4] + r[5] + r[6] + r[9]
    b = hay.encode(), needle.encode()
    rb = (b[1] in b[0], b[0].find(b[1]), b[0].rfind(b[1]), b[0].count(b[1]),
          len(b[0].split(b[1])), len(b[0].replace(b[1], b"<>")))
    total += rb[1] + rb[2] + rb[3] + rb[4] + rb[5]
    if len(hay) == 65 and needle in (hay[-25:], "x" + hay[:10]):
        print(repr(needle[:12]), r, rb)
print(len(cases), total)

# A path test on every call, as coverage's tracer makes it.
this = "/usr/lib/python3/dist-packages/coverage/pytracer.py"
files = ["/home/user/project/src/package/module_%d.py" % i for i in range(50)] + [this]
print(sum(this in f for f in files), [f.find("package/module_4") for f in files[:6]])
try:
    "x".index("a" * 20)
except ValueError as e:
    print("ValueError:", e)
try:
    text(300, "ab").rindex("abc" * 4)
except ValueError as e:
    print("ValueError:", e)
