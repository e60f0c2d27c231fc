# replace, translate, maketrans
s = "the cat sat on the mat"
print(s.replace("at", "og"), s.replace("at", "og", 1), s.replace("at", "og", 0), s.replace("at", "og", -1))
print(s.replace("the ", ""), s.replace("", "|"), "".replace("", "x"), "abc".replace("", "-", 2), "aaaa".replace("aa", "b"))
print("abc".replace("abc", "abcabc"), "ababab".replace("aba", "X"), s.replace("zzz", "y"))
print("日本日本".replace("本", "ほん"), "a😀b".replace("😀", ":)"))
t = str.maketrans("abc", "xyz")
print(sorted(t.items()), "aabbcc-abc".translate(t))
t2 = str.maketrans({"a": "1", "b": None, ord("c"): "33"})
print(sorted(t2.items()), "abcabc".translate(t2))
t3 = str.maketrans("ab", "AB", "xyz")
print(sorted(t3.items()), "axbyczab".translate(t3))
print("hello".translate({ord("l"): ord("L")}), "hello".translate({104: "J", 111: ""}), "hello".translate({}))
class Table:
    def __getitem__(self, k):
        if k == ord("e"):
            return "3"
        raise LookupError
print("hello there".translate(Table()))
for args in [("abc", "xy"), (1,), ({"ab": "x"},), ({1.5: "x"},)]:
    try:
        str.maketrans(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    "abc".translate({97: 1.5})
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc".replace("a")
except TypeError as e:
    print(type(e).__name__, e)
