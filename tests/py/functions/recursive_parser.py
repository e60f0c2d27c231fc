# A recursive-descent arithmetic parser built from mutually recursive functions.
def tokenize(text):
    tokens, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(text) and text[j].isdigit():
                j += 1
            tokens.append(int(text[i:j]))
            i = j
        elif c in "+-*/()%":
            tokens.append(c)
            i += 1
        else:
            raise SyntaxError(f"bad character {c!r} at {i}")
    return tokens

def parse(text):
    tokens = tokenize(text)
    pos = 0
    def peek():
        return tokens[pos] if pos < len(tokens) else None
    def take():
        nonlocal pos
        tok = peek()
        pos += 1
        return tok
    def expr():
        value = term()
        while peek() in ("+", "-"):
            op = take()
            value = value + term() if op == "+" else value - term()
        return value
    def term():
        value = factor()
        while peek() in ("*", "/", "%"):
            op = take()
            rhs = factor()
            if op == "*":
                value *= rhs
            elif op == "/":
                value //= rhs
            else:
                value %= rhs
        return value
    def factor():
        tok = take()
        if tok == "-":
            return -factor()
        if tok == "(":
            value = expr()
            if take() != ")":
                raise SyntaxError("expected )")
            return value
        if isinstance(tok, int):
            return tok
        raise SyntaxError(f"unexpected token {tok!r}")
    result = expr()
    if peek() is not None:
        raise SyntaxError(f"trailing token {peek()!r}")
    return result

for text in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 3", "10 % 4 + -2", "-(2 + 3) * -2",
             "2 * (3 + (4 - 1)) / 2", "42", "((7))", "1 +", "2 $ 3", "(1 + 2", "1 2", "7 / 0"]:
    try:
        print(f"{text!r} = {parse(text)}")
    except SyntaxError as e:
        print(f"{text!r}: SyntaxError: {e}")
    except ZeroDivisionError as e:
        print(f"{text!r}: ZeroDivisionError: {e}")
print(tokenize("12+(3*45)"))
