# string ordering is by code point; sorting with keys
words = ["banana", "Apple", "cherry", "apple", "Banana", "date", "Éclair", "éclair", "123", "_under", "", " space"]
print(sorted(words))
print(sorted(words, reverse=True))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=lambda w: w[::-1]))
print(min(words), max(words), min(words, key=len), max(words, key=len))
pairs = [("a", "b"), ("a", "a"), ("aa", ""), ("a", "ab"), ("Z", "a"), ("~", "\x7f"), ("é", "ê"), ("\uffff", "\U00010000")]
for x, y in pairs:
    print(repr(x), repr(y), x < y, x <= y, x > y, x >= y, x == y)
print("abc" < "abcd" < "abd" < "b", "a" < "b" > "a")
print(sorted("The Quick Brown Fox".split(), key=str.casefold))
print(sorted(["10", "9", "100", "1"]), sorted(["10", "9", "100", "1"], key=int))
