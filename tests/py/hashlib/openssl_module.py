# _hashlib, the OpenSSL-backed module hashlib and hmac use when it imports:
# HASH/HASHXOF/HMAC objects, the openssl_* constructors, pbkdf2_hmac, scrypt,
# and each argument error with CPython's exception and message (threads sharing
# one object: shared_threads.py, whose hashlib.md5 is a _hashlib.HASH).
import _hashlib
import hashlib
import hmac


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    if isinstance(r, bytes):
        r = r.hex()
    print(label, "->", r)


print(sorted(n for n in _hashlib.openssl_md_meth_names if n in hashlib.algorithms_guaranteed))
print(type(hashlib.sha256()).__module__, type(hashlib.sha256()).__name__, type(hashlib.shake_128()).__name__)
print(sorted(_hashlib._constructors.values()))
print(_hashlib._constructors[_hashlib.openssl_sha1], type(_hashlib._constructors).__name__)
print(_hashlib.HASHXOF.__mro__[1].__name__, _hashlib.UnsupportedDigestmodError.__mro__[1].__name__)
print(_hashlib.get_fips_mode())

for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512_224",
             "sha512_256", "sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b",
             "blake2s", "SHA256", "sha-256", "md5-sha1", "ripemd160", "sm3"):
    h = _hashlib.new(name, b"abc")
    c = h.copy()
    h.update(b"def")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest()[:24], c.hexdigest()[:24],
          repr(h).split(" object")[0])

for name in ("shake_128", "shake_256"):
    x = _hashlib.new(name, b"abc")
    print(name, x.name, x.digest_size, x.block_size, x.hexdigest(10), x.digest(0), type(x.copy()).__name__)
    show("  digest()", lambda: x.digest())
    show("  digest(2**20)", lambda: len(x.digest(2 ** 20)))
    show("  digest(1.5)", lambda: x.digest(1.5))

h = hashlib.sha256()
show("digest(5)", lambda: h.digest(5))
show("update()", lambda: h.update())
show("update str", lambda: h.update("abc"))
show("update int", lambda: h.update(5))
show("new unknown", lambda: _hashlib.new("nope"))
show("new bytes name", lambda: _hashlib.new(b"sha256"))
show("new str data", lambda: _hashlib.new("sha256", "abc"))
show("new kw", lambda: _hashlib.new(name="md5", string=b"x").hexdigest())
show("new usedforsecurity", lambda: _hashlib.new("md5", usedforsecurity=False).name)
show("HASH()", lambda: _hashlib.HASH())
show("HMAC()", lambda: _hashlib.HMAC())
show("ctor extra", lambda: _hashlib.openssl_sha256(b"a", b"b"))
show("memoryview", lambda: _hashlib.openssl_sha1(memoryview(b"abc")).hexdigest())
show("bytearray", lambda: _hashlib.openssl_md5(bytearray(b"abc")).hexdigest())

# HMAC, against the pure-Python computation hmac falls back to.
for key in (b"", b"k", b"k" * 64, b"k" * 200):
    for name in ("sha1", "sha256", "sha512", "sha3_256", "md5"):
        m = _hashlib.hmac_new(key, b"message", name)
        m2 = m.copy()
        m2.update(b" more")
        ref = hmac.HMAC(key, b"message", lambda d=b"": hashlib.new(name, d))
        print(len(key), name, m.name, m.digest_size, m.block_size,
              m.hexdigest() == ref.hexdigest(), m2.hexdigest()[:16],
              _hashlib.hmac_digest(key, b"message", name) == m.digest())
print(repr(_hashlib.hmac_new(b"k", b"", "sha256")).split(" object")[0])
print(_hashlib.hmac_new(b"k", digestmod=_hashlib.openssl_sha1).name)
print(hmac.new(b"key", b"msg", "sha256").hexdigest())
print(hmac.digest(b"key", b"msg", "sha384").hex()[:32])
print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest("abc", "abd"))
show("hmac no digestmod", lambda: _hashlib.hmac_new(b"k"))
show("hmac None", lambda: _hashlib.hmac_new(b"k", b"", None))
show("hmac object", lambda: _hashlib.hmac_new(b"k", b"", object))
show("hmac unknown", lambda: _hashlib.hmac_new(b"k", b"", "nope"))
show("hmac shake", lambda: _hashlib.hmac_new(b"k", b"", "shake_128"))
show("hmac str key", lambda: _hashlib.hmac_new("k", b"", "sha1"))
show("hmac str msg", lambda: _hashlib.hmac_new(b"k", "m", "sha1"))
show("hmac_digest unknown", lambda: _hashlib.hmac_digest(b"k", b"m", "nope"))
show("hmac_digest str msg", lambda: _hashlib.hmac_digest(b"k", "m", "sha1"))

# PBKDF2 (RFC 6070's first vectors) and its errors.
show("pbkdf2 1", lambda: hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 1))
show("pbkdf2 4096", lambda: hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 4096, 20))
show("pbkdf2 dklen", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 2, 10))
show("pbkdf2 dklen None", lambda: len(hashlib.pbkdf2_hmac("sha512", b"p", b"s", 2, None)))
show("pbkdf2 unknown", lambda: hashlib.pbkdf2_hmac("nope", b"p", b"s", 1))
show("pbkdf2 iterations 0", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 0))
show("pbkdf2 iterations big", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 2 ** 31))
show("pbkdf2 iterations float", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1.0))
show("pbkdf2 dklen 0", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1, 0))
show("pbkdf2 dklen big", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1, 2 ** 31))
show("pbkdf2 str password", lambda: hashlib.pbkdf2_hmac("sha256", "p", b"s", 1))
show("pbkdf2 bytes name", lambda: hashlib.pbkdf2_hmac(b"sha256", b"p", b"s", 1))
show("pbkdf2 shake", lambda: hashlib.pbkdf2_hmac("shake_128", b"p", b"s", 1))

# scrypt (RFC 7914's second vector, shortened) and its errors.
show("scrypt", lambda: hashlib.scrypt(b"password", salt=b"NaCl", n=1024, r=8, p=16, dklen=16))
show("scrypt default dklen", lambda: len(hashlib.scrypt(b"p", salt=b"s", n=16, r=1, p=1)))
show("scrypt no salt", lambda: hashlib.scrypt(b"p", n=2, r=1, p=1))
show("scrypt n=3", lambda: hashlib.scrypt(b"p", salt=b"s", n=3, r=1, p=1))
show("scrypt n=1", lambda: hashlib.scrypt(b"p", salt=b"s", n=1, r=1, p=1))
show("scrypt no n", lambda: hashlib.scrypt(b"p", salt=b"s", r=1, p=1))
show("scrypt negative n", lambda: hashlib.scrypt(b"p", salt=b"s", n=-2, r=1, p=1))
show("scrypt no r", lambda: hashlib.scrypt(b"p", salt=b"s", n=2, p=1))
show("scrypt no p", lambda: hashlib.scrypt(b"p", salt=b"s", n=2, r=1))
show("scrypt maxmem -1", lambda: hashlib.scrypt(b"p", salt=b"s", n=2, r=1, p=1, maxmem=-1))
show("scrypt dklen 0", lambda: hashlib.scrypt(b"p", salt=b"s", n=2, r=1, p=1, dklen=0))
show("scrypt memory", lambda: hashlib.scrypt(b"p", salt=b"s", n=2 ** 20, r=8, p=1, maxmem=1))
show("scrypt str", lambda: hashlib.scrypt("p", salt=b"s", n=2, r=1, p=1))
show("scrypt positional", lambda: hashlib.scrypt(b"p", b"s", 2, 1, 1))

print(_hashlib.hmac_new(b"k", None, "sha1").hexdigest()[:12], hmac.new(b"k", digestmod="sha1").hexdigest()[:12])

# Integers past a C long (Py_ssize_t for an XOF's length): CPython's converters' errors.
show("pbkdf2 iterations 2**70", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 2 ** 70))
show("pbkdf2 dklen 2**70", lambda: hashlib.pbkdf2_hmac("sha256", b"p", b"s", 1, 2 ** 70))
show("scrypt maxmem 2**70", lambda: hashlib.scrypt(b"p", salt=b"s", n=2, r=1, p=1, maxmem=2 ** 70))
show("scrypt dklen 2**70", lambda: hashlib.scrypt(b"p", salt=b"s", n=2, r=1, p=1, dklen=2 ** 70))
show("shake digest 2**70", lambda: hashlib.new("shake_128").digest(2 ** 70))
# digestmod as a constructor function (hmac's common form) and the set of names.
print(hmac.new(b"k", b"m", hashlib.sha3_256).hexdigest()[:12],
      _hashlib.hmac_digest(b"k", b"m", _hashlib.openssl_md5).hex()[:12])
print(all(_hashlib.new(n).name for n in _hashlib.openssl_md_meth_names))
