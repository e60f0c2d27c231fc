# SyntaxError: using a keyword as an identifier.
class = "reserved"
print(class)
