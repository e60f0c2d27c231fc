# csv.reader: quoting, escapes, multi-line fields, numeric conversion, line_num.
import csv
import io

def rows(text, **kw):
    return list(csv.reader(io.StringIO(text, newline=''), **kw))

print(rows('a,b,c\r\n1,2,3\r\n'))
print(rows('"x, y",z\n"he said ""hi""",2\n'))
print(rows('"multi\nline",end\nnext,row\n'))
print(rows('a;b;c\n', delimiter=';'))
print(rows(' a, b,  c\n', skipinitialspace=True))
print(rows('a\\,b,c\n', escapechar='\\', quoting=csv.QUOTE_NONE))
print(rows("'q,1',2\n", quotechar="'"))
print(rows('1,"2",3.5,-4e2\n', quoting=csv.QUOTE_NONNUMERIC))
print(rows('\n\na,b\n\n'))
print(rows('"unterminated'))
print(rows('"ab"cd,e\n'))
print(rows('a,b\x00c\n'))

r = csv.reader(['one,two', 'three', '"four', 'five"'])
for row in r:
    print(r.line_num, row)
print(r.dialect.delimiter, repr(r.dialect.lineterminator), r.dialect.quoting)

for text, kw in [('"ab"c\n', {'strict': True}),
                 ('a,"b\n', {'strict': True}),
                 ('a,b\rc\n', {}),
                 ('abc,3\n', {'quoting': csv.QUOTE_NONNUMERIC})]:
    try:
        print(rows(text, **kw))
    except (csv.Error, ValueError) as e:
        print(type(e).__name__, e)

try:
    next(csv.reader([b'bytes,line']))
except csv.Error as e:
    print('Error', e)

old = csv.field_size_limit(5)
try:
    rows('abcdefgh\n')
except csv.Error as e:
    print('Error', e)
print(csv.field_size_limit(old), csv.field_size_limit() == old)
for bad in [(None,), ('x',)]:
    try:
        csv.field_size_limit(*bad)
    except TypeError as e:
        print('TypeError', e)
