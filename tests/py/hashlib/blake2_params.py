# BLAKE2 parameters: keyed hashing, salt/person, tree parameters, limits.
import hashlib
import _blake2


def show(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


for fn in (hashlib.blake2b, hashlib.blake2s):
    print(fn(b"data", digest_size=16).hexdigest())
    print(fn(b"data", key=b"secret").hexdigest())
    print(fn(b"data", salt=b"NaCl", person=b"me").hexdigest())
    print(fn(b"data", fanout=0, depth=255, leaf_size=4096, node_offset=3,
             node_depth=2, inner_size=16, last_node=True).hexdigest())
    h = fn(digest_size=10)
    print(h.name, h.digest_size, h.block_size, len(h.digest()))

show("digest_size 0", lambda: _blake2.blake2b(digest_size=0))
show("digest_size 33", lambda: _blake2.blake2s(digest_size=33))
show("long key", lambda: _blake2.blake2s(key=b"k" * 33))
show("long salt", lambda: _blake2.blake2b(salt=b"s" * 17))
show("long person", lambda: _blake2.blake2s(person=b"p" * 9))
show("fanout", lambda: _blake2.blake2b(fanout=256))
show("depth", lambda: _blake2.blake2b(depth=0))
show("leaf_size", lambda: _blake2.blake2b(leaf_size=1 << 32))
show("negative leaf", lambda: _blake2.blake2b(leaf_size=-1))
show("node_offset", lambda: _blake2.blake2s(node_offset=1 << 48))
show("node_depth", lambda: _blake2.blake2b(node_depth=300))
show("inner_size", lambda: _blake2.blake2s(inner_size=40))
show("str key", lambda: _blake2.blake2b(key="k"))
show("positional", lambda: _blake2.blake2b(b"", 32))

print(_blake2.blake2b.SALT_SIZE, _blake2.blake2b.PERSON_SIZE, _blake2.blake2b.MAX_KEY_SIZE,
      _blake2.blake2b.MAX_DIGEST_SIZE, _blake2.blake2s.SALT_SIZE, _blake2.blake2s.MAX_DIGEST_SIZE)

import hmac
print(hmac.new(b"key", b"message", "sha256").hexdigest())
print(hmac.new(b"key", b"message", hashlib.md5).hexdigest())
print(hmac.digest(b"key", b"message", "sha3_256").hex())
