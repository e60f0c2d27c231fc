# Encodings and error handlers of text files.
from _iotmp import TempDir

def show(fn):
    try:
        r = fn()
        print('ok', repr(r))
    except Exception as e:
        print(type(e).__name__, e)

with TempDir('encodings') as T:
    p = T.path('e.txt')
    text = 'caf\u00e9 \u00fc\u00df \u4e2d\u6587 \U0001f600 end\n'
    for enc in ['utf-8', 'UTF8', 'latin-1', 'iso-8859-1', 'ascii', 'cp1252']:
        def w():
            with open(p, 'w', encoding=enc) as f:
                print(' ', f.encoding, f.errors)
                return f.write(text)
        show(w)
        with open(p, 'rb') as f:
            print(' ', f.read())
    for errors in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'surrogateescape']:
        def w():
            with open(p, 'w', encoding='ascii', errors=errors) as f:
                f.write(text)
            with open(p, 'rb') as f:
                return f.read()
        show(w)
    with open(p, 'wb') as f:
        f.write(b'ok \xff\xfe bad \xe4\xb8 x\n')
    for errors in ['strict', 'ignore', 'replace', 'surrogateescape', 'backslashreplace']:
        def r():
            with open(p, encoding='utf-8', errors=errors) as f:
                return f.read()
        show(r)
    with open(p, encoding='utf-8', errors='surrogateescape') as f:
        s = f.read()
    with open(p, 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.write(s)
    with open(p, 'rb') as f:
        print(f.read())
    with open(p, encoding='latin-1') as f:
        print(repr(f.read()))
    # multi-byte characters split across chunk boundaries
    with open(p, 'w', encoding='utf-8') as f:
        f.write('\u00e9\u4e2d\U0001f600' * 5 + '\n')
    for size in range(1, 8):
        with open(p, encoding='utf-8') as f:
            f._CHUNK_SIZE = size
            out = []
            while True:
                c = f.read(1)
                if not c:
                    break
                out.append(c)
            print(size, len(out), ''.join(out) == '\u00e9\u4e2d\U0001f600' * 5 + '\n')
    with open(p, 'wb') as f:
        f.write(b'abc\xe4')
    show(lambda: open(p, encoding='utf-8').read())
    with open(p, 'w', encoding='latin-1') as f:
        show(lambda: f.write('\u4e2d'))
    show(lambda: open(p, encoding='utf-8', errors='nonsense').read())
    with open(p, 'wb') as f:
        f.write(b'\xff')
    show(lambda: open(p, encoding='utf-8', errors='nonsense').read())
    with open(p, 'w', encoding='locale') as f:
        f.write('\u00e9')
    with open(p, 'rb') as f:
        print(f.read())
    with open(p, 'w') as f:
        f.reconfigure(encoding='latin-1')
        print(f.encoding)
        f.write('\u00e9')
        f.reconfigure(errors='replace')
        print(f.errors)
        f.write('\u4e2d')
        f.reconfigure(line_buffering=True, write_through=True)
        print(f.line_buffering, f.write_through)
        show(lambda: f.reconfigure(newline='x'))
        show(lambda: f.reconfigure(1))
    with open(p, 'rb') as f:
        print(f.read())
    with open(p, encoding='latin-1') as f:
        f.read(1)
        show(lambda: f.reconfigure(encoding='utf-8'))
        show(lambda: f.reconfigure(line_buffering=False))
