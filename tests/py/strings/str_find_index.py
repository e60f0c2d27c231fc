# find/rfind/index/rindex/count with start/end
s = "abracadabra"
for sub in ["a", "abra", "cad", "z", "", "ra", "abracadabra", "abracadabrax"]:
    print(repr(sub), s.find(sub), s.rfind(sub), s.count(sub))
print(s.find("a", 1), s.find("a", 1, 3), s.find("a", -4), s.find("a", -4, -1), s.find("a", 100), s.find("", 11), s.find("", 12))
print(s.rfind("a", 0, 5), s.rfind("a", -5, -1), s.rfind("bra", 2), s.rfind("", 3, 5), s.rfind("", 50))
print(s.count("a", 2), s.count("a", 2, 8), s.count("", 3, 6), s.count("", 20), "aaaa".count("aa"), "".count(""))
print(s.index("c"), s.rindex("a"), s.index("a", 4), s.rindex("b", 0, 8))
for args in [("z",), ("a", 11), ("abra", 1, 5)]:
    try:
        s.index(*args)
    except ValueError as e:
        print("index", args, type(e).__name__, e)
    try:
        s.rindex(*args)
    except ValueError as e:
        print("rindex", args, type(e).__name__, e)
print(s.find("a", None, None), s.find("b", None, 5), s.count("a", None))
try:
    s.find(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.count()
except TypeError as e:
    print(type(e).__name__, e)
u = "ééxéé"
print(u.find("x"), u.rfind("é"), u.count("é"), "日本語日本".rfind("日本"), "😀a😀".index("a"))
print("a" in s, "cad" in s, "" in s, "dac" in s, "A" in s, "" in "")
try:
    1 in s
except TypeError as e:
    print(type(e).__name__, e)
