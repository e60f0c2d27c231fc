# An uncaught ValueError from str.index
text = "alpha,beta;gamma"
for sep in [",", ";", "|"]:
    pos = text.index(sep)
    print(sep, "at", pos, "->", text[:pos])
