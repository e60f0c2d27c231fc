# An uncaught ValueError from appending an out-of-range value to a bytearray
buf = bytearray()
for v in (10, 100, 200, 300):
    buf.append(v)
    print(buf)
