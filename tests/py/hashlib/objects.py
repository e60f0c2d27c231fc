# Hash objects: copy independence, attributes, and the errors of misuse.
import hashlib, _md5, _sha1, _sha256, _sha512, _sha3, _blake2


def show(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


a = _sha256.sha256(b"hello")
b = a.copy()
b.update(b" world")
print(a.hexdigest())
print(b.hexdigest())
print(hashlib.sha256(b"hello world").hexdigest() == b.hexdigest())
s = _sha3.shake_256(b"x")
t = s.copy()
t.update(b"y")
print(s.hexdigest(8), t.hexdigest(8))

print(type(_md5.md5()), _md5.MD5Type, _sha1.SHA1Type)
print(_sha256.SHA224Type, _sha256.SHA256Type, _sha512.SHA384Type)
print(_sha3.sha3_256, _sha3.shake_128, _blake2.blake2b, _blake2.blake2s)
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_MAX_KEY_SIZE,
      _blake2.BLAKE2B_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE)
h = _sha3.sha3_384()
print(h._rate_bits, h._capacity_bits, h._suffix, _sha3.shake_128()._suffix)

show("str data", lambda: _md5.md5("text"))
show("int data", lambda: _sha1.sha1(5))
show("update no arg", lambda: _sha256.sha224().update())
show("update str", lambda: _sha512.sha512().update("x"))
show("digest arg", lambda: _md5.md5().digest(3))
show("hexdigest kw", lambda: _sha1.sha1().hexdigest(x=1))
show("copy arg", lambda: _sha256.sha256().copy(1))
show("new type", lambda: _md5.MD5Type())
show("wrong self", lambda: _sha1.SHA1Type.update(_md5.md5(), b""))
show("subclass", lambda: type("X", (_sha3.sha3_224,), {}))
show("sha3 two args", lambda: _sha3.sha3_224(b"a", b"b"))
show("shake no length", lambda: _sha3.shake_128(b"").digest())
show("shake negative", lambda: _sha3.shake_128(b"").digest(-1))
show("shake float", lambda: _sha3.shake_128(b"").hexdigest(2.0))
show("shake huge", lambda: _sha3.shake_256(b"").digest(1 << 40))
show("shake kw", lambda: _sha3.shake_128().digest(length=3))
show("data kw", lambda: _sha3.sha3_256(data=b""))
show("string kw", lambda: _md5.md5(string=b"abc").hexdigest())
show("unknown", lambda: hashlib.new("nosuch"))
mv = memoryview(b"abcdef")[::2]
show("strided view", lambda: _md5.md5(mv))
