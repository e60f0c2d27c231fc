# %-formatting with mappings, tuples, and custom objects
record = {"name": "Widget", "qty": 3, "price": 4.5}
print("%(name)-10s|%(qty)5d|%(price)8.2f|" % record)
print("%(qty)d x %(price).1f = %(total).2f" % dict(record, total=record["qty"] * record["price"]))
class M:
    def __getitem__(self, key):
        return key.upper() * 2
print("%(ab)s %(x)s" % M())
print("%s" % ("tuple",), "%s-%s" % ("a", "b"), "%s" % [("list-with-tuple",)])
class TupleSub(tuple):
    pass
print("%s+%s" % TupleSub((1, 2)))
print("%s" % {"dict": 1}, "%(dict)s" % {"dict": 1})
print("%r %r" % ([1, "a"], {"k": (1,)}))
print("%.3s|%-8.3s|%8.3s" % ("abcdef", "abcdef", "abcdef"))
print("%5.1f%%" % 99.44, "%05.1f" % -2.25, "%+.2e" % 12345.6789, "%#o %#x" % (0, 0))
print("%s" % b"bytes", "%s" % bytearray(b"ba"), "%r" % b"\x00")
print("%d items" % len(record), "%s" % None, "[%s]" % "")
try:
    print("%(name)s %s" % record)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print("%s %s" % record)
except TypeError as e:
    print(type(e).__name__, e)
print("%s %s" % (record, record) if False else "%s" % (record,))
