# Strings are not sequences for sequence patterns; matching text.
def classify(s):
    match s:
        case "":
            return "empty"
        case "yes" | "y" | "Y":
            return "affirmative"
        case "no" | "n" | "N":
            return "negative"
        case str() if s.isdigit():
            return "number " + s
        case str() if s.startswith("#"):
            return "comment"
        case str(word) if len(word) == 1:
            return "single char " + word
        case _:
            return "text " + repr(s)

for s in ["", "y", "N", "123", "# hi", "q", "hello"]:
    print(repr(s), "->", classify(s))

def split_match(line):
    match line.split(":", 1):
        case [key, value]:
            return key.strip(), value.strip()
        case [only]:
            return "no colon", only
print(split_match("name: value"), split_match("no separator"), split_match("a:b:c"))

def chars(s):
    match list(s):
        case ["(", *inner, ")"]:
            return "parenthesised " + "".join(inner)
        case [first, *_] if first.isupper():
            return "capitalised"
        case _:
            return "plain"
print(chars("(abc)"), chars("Hello"), chars("world"), chars("()"))

def words(sentence):
    match sentence.lower().split():
        case ["hello", name]:
            return f"greeting for {name}"
        case ["hello", *names] if names:
            return f"greeting for {len(names)} people"
        case [*_, "bye"]:
            return "farewell"
        case []:
            return "silence"
        case other:
            return f"{len(other)} words"
for s in ["Hello Ann", "hello a b c", "ok bye", "", "one two three four"]:
    print(repr(s), "->", words(s))

def prefix(s):
    match s[:2], s[2:]:
        case ("0x", digits):
            return int(digits, 16)
        case ("0b", digits):
            return int(digits, 2)
        case (_, _):
            return int(s)
print(prefix("0xff"), prefix("0b101"), prefix("42"))
