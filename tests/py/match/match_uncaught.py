# A class pattern with too many positional sub-patterns fails at runtime.
class Token:
    __match_args__ = ("kind",)
    def __init__(self, kind, text):
        self.kind = kind
        self.text = text

def render(tok):
    match tok:
        case Token("num"):
            return "number " + tok.text
        case Token("word", text):
            return "word " + text
        case _:
            return "?"

print(render(Token("num", "42")))
print(render(Token("word", "hi")))
