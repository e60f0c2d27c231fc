# is* predicates
samples = ["abc", "ABC", "abc123", "123", "12.5", "", " ", "\t\n", "½", "²", "٣", "Ⅻ", "a b", "_id", "id_1", "1id",
           "class", "αβγ", "日本", "\x00", "Ab", "é", "e\u0301", "𝟘", "\u00a0", "!", "~"]
print("s isalpha isdigit isdecimal isnumeric isalnum isspace isidentifier isprintable isascii")
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(), s.isspace(), s.isidentifier(), s.isprintable(), s.isascii())
print("\n".isprintable(), "\x7f".isprintable(), "\u200b".isprintable(), "ÿ".isascii(), "\x7f".isascii())
