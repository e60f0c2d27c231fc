# A UTF-8 BOM with a coding cookie: only UTF-8 spelled as CPython normalizes it.
for cookie in ["utf-8", "UTF_8", "utf-8-sig", "utf8", "latin-1", "ascii"]:
    src = b"\xef\xbb\xbf# coding: " + cookie.encode() + b"\nx = 1\n"
    try:
        compile(src, "<bom>", "exec")
        print(cookie, "ok")
    except SyntaxError as e:
        print(cookie, type(e).__name__, e.msg)
