# A SyntaxError from eval() is uncaught.
expressions = ["1 + 1", "2 ** 10", "3 +* 4"]
for e in expressions:
    print(e, "=", eval(e))
