# csv dialects: validation messages, registry, read-only attributes, DictReader/DictWriter.
import csv
import io

d = csv.get_dialect('excel')
print(type(d).__name__, repr(d.delimiter), d.doublequote, d.escapechar,
      repr(d.lineterminator), d.quotechar, d.quoting, d.skipinitialspace, d.strict)
print(sorted(csv.list_dialects()))

csv.register_dialect('pipes', delimiter='|', quoting=csv.QUOTE_ALL)
p = csv.get_dialect('pipes')
print(p.delimiter, p.quoting)
f = io.StringIO()
csv.writer(f, 'pipes').writerow(['a', 1])
print(repr(f.getvalue()))
csv.unregister_dialect('pipes')
for fn in (csv.get_dialect, csv.unregister_dialect):
    try:
        fn('pipes')
    except csv.Error as e:
        print(fn.__name__, 'Error', e)

bad_kwargs = [
    {'delimiter': 'XX'}, {'delimiter': 0}, {'delimiter': None},
    {'quotechar': 1}, {'quotechar': 'ab'}, {'escapechar': 5},
    {'lineterminator': None}, {'lineterminator': 1},
    {'quoting': None}, {'quoting': 7}, {'quoting': 1.0},
    {'quotechar': None, 'quoting': csv.QUOTE_ALL},
    {'bad_attr': 0},
]
for kw in bad_kwargs:
    try:
        csv.reader([], **kw)
        print('ok', kw)
    except TypeError as e:
        print('TypeError', kw, e)
try:
    csv.reader([], 'nonesuch')
except csv.Error as e:
    print('Error', e)

r = csv.reader([], quotechar=None)
print(r.dialect.quoting == csv.QUOTE_NONE, r.dialect.quotechar)
try:
    r.dialect.delimiter = ';'
except AttributeError:
    print('AttributeError on set')

class Semi(csv.Dialect):
    delimiter = ';'
    quotechar = '"'
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
print(list(csv.reader(['a;"b;c"'], Semi)))

class Broken(csv.Dialect):
    delimiter = ','
    quotechar = 'xx'
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
try:
    Broken()
except csv.Error as e:
    print('Error', e)

src = io.StringIO('name,age\nann,3\nbob,4\n')
for row in csv.DictReader(src):
    print(row)
f = io.StringIO()
w = csv.DictWriter(f, ['x', 'y'])
w.writeheader()
w.writerow({'x': 1, 'y': 'two, three'})
print(repr(f.getvalue()))
print(csv.Sniffer().sniff('a;b;c\n1;2;3\n').delimiter)
