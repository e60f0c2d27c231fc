# An uncaught TypeError from joining str into bytes
parts = [b"GET ", b"/index.html", b" HTTP/1.1"]
request = b"".join(parts)
print(request, len(request))
header = request + "\r\n"
print(header)
