# Source that is not valid UTF-8 and declares no encoding.
print("not reached")
s = "café"
