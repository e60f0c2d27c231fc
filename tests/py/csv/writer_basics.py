# csv.writer: quoting styles, escapes, None and numbers, errors.
import csv
import io

def out(rows, **kw):
    f = io.StringIO()
    w = csv.writer(f, **kw)
    for r in rows:
        w.writerow(r)
    return f.getvalue()

print(repr(out([['a', 'b,c', 'd"e'], [1, 2.5, None]])))
print(repr(out([['a', 1, 'p,q']], quoting=csv.QUOTE_ALL)))
print(repr(out([['a', 1, 2.0, True, None]], quoting=csv.QUOTE_NONNUMERIC)))
print(repr(out([['a,b', 'c\\d']], quoting=csv.QUOTE_NONE, escapechar='\\')))
print(repr(out([['x"y']], doublequote=False, escapechar='\\')))
print(repr(out([['line\nbreak', 'ok']], lineterminator='\n')))
print(repr(out([[''], [], [None, None]])))
print(repr(out([['a', 'b']], delimiter='\t', lineterminator='!')))

f = io.StringIO()
w = csv.writer(f)
w.writerows([[1, 2], (3, 4), iter('ab')])
print(repr(f.getvalue()))
print(w.dialect.delimiter, w.dialect.doublequote)

for rows, kw in [([['a,b']], {'quoting': csv.QUOTE_NONE}),
                 ([['']], {'quoting': csv.QUOTE_NONE}),
                 ([['x"y']], {'doublequote': False}),
                 ([5], {})]:
    try:
        out(rows, **kw)
    except csv.Error as e:
        print('Error', e)

class Bad:
    def __str__(self):
        raise RuntimeError('no str')
try:
    out([[Bad()]])
except RuntimeError as e:
    print('RuntimeError', e)
try:
    csv.writer(42)
except TypeError as e:
    print('TypeError', e)
