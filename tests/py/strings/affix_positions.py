# startswith/endswith with start and end positions on non-ASCII strs, tuples
# of affixes, surrogates, subclasses and argument errors.
s = "héllo wörld ☃ end"
for args in [("h",), ("é", 1), ("wö", 6), ("☃", 12), ("end", -3), ("", 17), ("", 18), ("x", 100), ("llo", 2, 5), ("llo", 2, 4), (("a", "☃"), 12), (("a", "b"),), ("d", None, None), ("hé", -100)]:
    print(args, s.startswith(*args), s.endswith(*args))
print("\ud800x".startswith("\ud800"), "a\udc00".endswith("\udc00"), "\ud800x".startswith("x", 1))
class S(str): pass
print(S("żółw").startswith("ół", 1), S("żółw").endswith(("w",)))
for bad in [1, ("a", 1), None]:
    try:
        s.startswith(bad)
    except TypeError as e:
        print(e)
print(s.startswith("h", 10**30), s.endswith("d", -10**30))
