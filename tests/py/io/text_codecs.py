# Text files in encodings that _io has no native codec for: the wrapper
# uses the codecs registry's incremental encoder and decoder, so reading,
# writing, seek/tell, BOMs and errors behave as CPython's.
from _iotmp import TempDir
import codecs
import io


def show(fn):
    try:
        r = fn()
        print('ok', repr(r))
    except Exception as e:
        print(type(e).__name__, e)


SAMPLES = {
    'shift_jis': 'kana \u3042\u3044\u3046 kanji \u65e5\u672c\u8a9e\nsecond line \u30ab\u30bf\u30ab\u30ca\nthird\n',
    'euc_jp': '\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\nline two \u3042\n',
    'cp1252': 'smart \u201cquotes\u201d \u20ac5 \u2014 dash\nsecond\n',
    'koi8_r': '\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440\nline \u0434\u0432\u0430\n',
    'utf-16': 'utf-16 \u00e9\u4e2d \U0001f600\nnext line\n',
    'utf-16-le': 'le \u00e9\u4e2d\nz\n',
    'utf-32': 'wide \U0001f600 chars\nend\n',
    'cp437': 'box \u2554\u2550\u2557 \u00e9\n',
    'mac_roman': 'apple \u00e9\u00f1 \u2122\n',
    'gb2312': '\u4e2d\u6587\u5b57\u7b26\n\u7b2c\u4e8c\u884c\n',
    'big5': '\u7e41\u9ad4\u4e2d\u6587\n',
    'iso8859_15': 'euro \u20ac and \u0152\u0153\n',
}

with TempDir('codecs') as T:
    p = T.path('c.txt')
    for enc, text in SAMPLES.items():
        print('--', enc)
        with open(p, 'w', encoding=enc) as f:
            print('  attrs', f.encoding, f.errors, f.write(text))
        with open(p, 'rb') as f:
            raw = f.read()
        print('  bytes ok', raw == text.encode(enc), len(raw))
        with open(p, encoding=enc) as f:
            print('  read ok', f.read() == text)
        with open(p, encoding=enc) as f:
            lines = f.readlines()
            print('  lines', len(lines), lines == text.splitlines(keepends=True))
        # tell() inside a line, then seek back to it
        with open(p, encoding=enc) as f:
            first = f.readline()
            pos = f.tell()
            rest = f.read()
            f.seek(pos)
            print('  seek/tell', first + rest == text, f.read() == rest)
        with open(p, encoding=enc) as f:
            f.read(3)
            pos = f.tell()
            tail = f.read()
            f.seek(pos)
            print('  mid tell', f.read() == tail, tail == text[3:])
        # appending does not write a second BOM
        with open(p, 'a', encoding=enc) as f:
            f.write('more\n')
        with open(p, encoding=enc) as f:
            print('  append', f.read() == text + 'more\n')

    print('-- errors')
    with open(p, 'w', encoding='shift_jis') as f:
        show(lambda: f.write('\u00e9'))
    with open(p, 'w', encoding='shift_jis', errors='replace') as f:
        f.write('a\u00e9b\n')
    with open(p, 'rb') as f:
        print(f.read())
    with open(p, 'w', encoding='koi8_r', errors='xmlcharrefreplace') as f:
        f.write('\u20ac\u0416\n')
    with open(p, 'rb') as f:
        print(f.read())
    with open(p, 'wb') as f:
        f.write(b'ok \x82\xa0 bad \x82\n')
    with open(p, encoding='shift_jis') as f:
        show(f.read)
    with open(p, encoding='shift_jis', errors='replace') as f:
        show(f.read)
    with open(p, encoding='shift_jis', errors='surrogateescape') as f:
        show(lambda: ascii(f.read()))
    show(lambda: open(p, encoding='no-such-codec'))
    show(lambda: open(p, encoding='rot13'))
    show(lambda: open(p, encoding='hex'))
    show(lambda: io.TextIOWrapper(io.BytesIO(), encoding='zlib_codec'))

    print('-- in memory')
    b = io.BytesIO()
    w = io.TextIOWrapper(b, encoding='utf-16', newline='')
    w.write('ab\r\ncd\n')
    w.flush()
    print(b.getvalue())
    w.seek(0)
    print(repr(w.read()))
    w.seek(0)
    print(repr(w.readline()), w.newlines)
    b = io.BytesIO('x\u3042y\r\nz\r\n'.encode('euc_jp'))
    r = io.TextIOWrapper(b, encoding='euc_jp')
    print(repr(r.read()), r.newlines)
    b = io.BytesIO()
    w = io.TextIOWrapper(b, encoding='ascii')
    w.write('start ')
    w.reconfigure(encoding='shift_jis')
    w.write('\u3042')
    w.flush()
    print(b.getvalue(), w.encoding)
    # incremental decoding: a multibyte character split between chunks
    data = ('\u3042' * 5000 + '\n').encode('shift_jis')
    r = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data), 7), encoding='shift_jis')
    r._CHUNK_SIZE = 3
    s = r.read()
    print(len(s), s == '\u3042' * 5000 + '\n')
    # seek/tell cookies through a codec decoder keep their CPython values
    b = io.BytesIO('\u65e5\u672c\n\u8a9e\n'.encode('shift_jis'))
    r = io.TextIOWrapper(b, encoding='shift_jis')
    r._CHUNK_SIZE = 4
    cookies = []
    while True:
        c = r.read(1)
        if not c:
            break
        cookies.append(r.tell())
    print(cookies)
    r.seek(cookies[1])
    print(repr(r.read()))
