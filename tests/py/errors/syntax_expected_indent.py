# IndentationError: expected an indented block.
def empty_body():
pass

print("unreachable")
