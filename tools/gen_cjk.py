"""Writes python_env/src/modules/cjk_tables.bin, the code tables of the CJK
codecs that encoding_rs lacks (gb2312 for hz; johab; euc_jis_2004, shift_jis_2004,
euc_jisx0213 and shift_jisx0213, i.e. JIS X 0213), read off CPython 3.11's own
codecs by decoding every byte sequence and encoding every code point (run it
with /usr/bin/python3):

    /usr/bin/python3 tools/gen_cjk.py python_env/src/modules/cjk_tables.bin

The output is data, not code; do not edit it by hand. Format (all integers
LEB128 varints unless said otherwise), one record per codec in the order of
CODECS below:
  base            0, or 1 + index of the codec this one is a diff against
  need[256]       raw bytes: 0 a lone byte that is an error, 1 a one-byte
                  code, 2 or 3 the lead of a code of that many bytes
  n, n entries    key delta (key = the code's bytes as a big-endian int,
                  sorted), flags (bit 0: the code decodes but is not what the
                  encoder writes for that text; bit 1: two code points;
                  bit 2: unmapped, only in a diff; bit 3: an error that
                  spans more than its first byte), then 1 or 2 code points
                  (with bit 3: the error's length in bytes)
  m, m extras     code point, key: encodings that are no decoded entry's
A diff codec starts from its base's entries and extras, its entries replace
(or with bit 2 remove) the base's, its extras are added; its need[] is its own.
"""
import sys

CODECS = ["gb2312", "euc_jis_2004", "shift_jis_2004", "euc_jisx0213", "shift_jisx0213", "johab"]
BASE = {"euc_jisx0213": "euc_jis_2004", "shift_jisx0213": "shift_jis_2004"}


def dec(codec, b):
    try:
        return b.decode(codec)
    except UnicodeDecodeError as e:
        return e


def scan(codec):
    need = [0] * 256
    entries = {}
    errors = {}
    for b in range(256):
        r = dec(codec, bytes([b]))
        if isinstance(r, str):
            need[b] = 1
            assert len(r) == 1
            entries[b] = r
        elif r.reason.startswith("incomplete"):
            r2 = dec(codec, bytes([b, 0xA1]))
            need[b] = 3 if isinstance(r2, UnicodeDecodeError) and r2.reason.startswith("incomplete") else 2
        else:
            assert r.end - r.start == 1
    for b in range(256):
        if need[b] == 2:
            for t in range(256):
                r = dec(codec, bytes([b, t]))
                if isinstance(r, str):
                    assert 1 <= len(r) <= 2, (codec, b, t, r)
                    entries[(b << 8) | t] = r
                elif r.end != 1:
                    assert r.start == 0
                    errors[(b << 8) | t] = r.end
        elif need[b] == 3:
            for t in range(256):
                for u in range(256):
                    r = dec(codec, bytes([b, t, u]))
                    if isinstance(r, str):
                        assert len(r) == 1
                        entries[(b << 16) | (t << 8) | u] = r
                    elif r.end != 1:
                        assert r.start == 0
                        errors[(b << 16) | (t << 8) | u] = r.end
    # What the encoder writes.
    enc = {}
    for cp in range(0x30000):
        if 0xD800 <= cp < 0xE000:
            continue
        try:
            enc[chr(cp)] = chr(cp).encode(codec)
        except UnicodeEncodeError:
            pass
    for k, s in entries.items():
        if len(s) == 2:
            try:
                enc[s] = s.encode(codec)
            except UnicodeEncodeError:
                pass
    keyb = lambda k: k.to_bytes(3 if k > 0xFFFF else 2 if k > 0xFF else 1, "big")
    table = {}
    for k, s in entries.items():
        flags = 0 if enc.get(s) == keyb(k) else 1
        if len(s) == 2:
            flags |= 2
        table[k] = (flags, [ord(c) for c in s])
    for k, n in errors.items():
        table[k] = (8, [n])
    written = {keyb(k) for k, (f, _) in table.items() if not f & 1}
    extras = {}
    for s, b in enc.items():
        if b not in written or entries.get(int.from_bytes(b, "big")) != s:
            assert len(s) == 1, (codec, s, b)
            extras[ord(s[0])] = int.from_bytes(b, "big")
    return need, table, extras


def varint(out, v):
    assert v >= 0
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def main():
    out = bytearray()
    scanned = {}
    for c in CODECS:
        need, table, extras = scan(c)
        scanned[c] = (table, extras)
        if c in BASE:
            btable, bextras = scanned[BASE[c]]
            varint(out, 1 + CODECS.index(BASE[c]))
            diff = {}
            for k in set(table) | set(btable):
                if table.get(k) != btable.get(k):
                    diff[k] = table.get(k, (4, []))
            assert all(bextras.get(cp, k) == k for cp, k in extras.items())
            # A base extra the diff codec lacks cannot be expressed.
            assert all(extras.get(cp) == k for cp, k in bextras.items()), c
            extras = {cp: k for cp, k in extras.items() if cp not in bextras}
            table = diff
        else:
            varint(out, 0)
        out += bytes(need)
        varint(out, len(table))
        prev = 0
        for k in sorted(table):
            flags, cps = table[k]
            varint(out, k - prev)
            prev = k
            varint(out, flags)
            for cp in cps:
                varint(out, cp)
        varint(out, len(extras))
        for cp in sorted(extras):
            varint(out, cp)
            varint(out, extras[cp])
        print(c, len(table), len(extras), file=sys.stderr)
    with open(sys.argv[1], "wb") as f:
        f.write(out)
    print(len(out), "bytes", file=sys.stderr)


main()
