# bool operands inside arithmetic and comparisons
print(True + True + True, True * 3.5, False - 1, True / 2, True // True, -True, True ** 10, 10 ** False)
print(True == 1, True < 2, False < True, max(False, True), sorted([True, 0, False, 1]))
print(sum(x > 2 for x in [1, 3, 5]), len([b for b in [True, False, True] if b]), ["no", "yes"][3 > 2])
print(True & 3, True | 2, 3 ^ True, True << 3, 8 >> True)
print(f"{True + 0}", str(True + 0), repr(True * 1), True.__add__(1), (1).__add__(True))
count = 0
for word in ["a", "bb", "ccc", "dd"]:
    count += len(word) == 2
print(count)
print({True: "t", 0: "f"}, {1: "one"}[True], [10, 20][False])
