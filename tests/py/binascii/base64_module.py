# CPython's base64 module (pure Python) over the native binascii.
import sys
sys.path.append('/usr/lib/python3.11')
import base64

data = b'binary \x00\xff data, with more than a few bytes in it'
for enc, dec in [(base64.b64encode, base64.b64decode), (base64.urlsafe_b64encode, base64.urlsafe_b64decode),
                 (base64.b32encode, base64.b32decode), (base64.b16encode, base64.b16decode),
                 (base64.b85encode, base64.b85decode), (base64.a85encode, base64.a85decode),
                 (base64.standard_b64encode, base64.standard_b64decode), (base64.b32hexencode, base64.b32hexdecode)]:
    e = enc(data)
    print(enc.__name__, e, dec(e) == data)
print(base64.b64decode('aGVsbG8=', validate=True), base64.b64encode(b'\xfb\xff', altchars=b'-_'))
print(base64.encodebytes(data * 3))
print(base64.decodebytes(base64.encodebytes(data)) == data)
for bad in ['aGVsbG8', 'a', 'aGVs!G8=']:
    try:
        base64.b64decode(bad, validate=True)
    except Exception as e:
        print(type(e).__name__, e)
