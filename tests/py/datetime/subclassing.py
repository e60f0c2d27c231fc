# Python subclasses of the datetime types, pickling (all protocols) and copying.
import copy
import pickle
from datetime import date, datetime, time, timedelta, timezone, tzinfo

class MyDate(date):
    def __new__(cls, y, m, d, note='n'):
        self = super().__new__(cls, y, m, d)
        self.note = note
        return self
    def tomorrow(self):
        return self + timedelta(1)

class MyDT(datetime):
    extra = 'class attr'

class MyDelta(timedelta):
    def hours(self):
        return self.total_seconds() / 3600

class Slotted(time):
    __slots__ = ('tag',)

md = MyDate(2020, 1, 31, 'hello')
print(type(md).__name__, md, md.note, md.tomorrow(), type(md.tomorrow()).__name__)
print(repr(md.replace(day=1)), type(md.replace(day=1)).__name__)
print(isinstance(md, date), MyDate.min, MyDate.fromordinal(5), type(MyDate.fromordinal(5)).__name__)
m = MyDT(2001, 2, 3, 4, 5)
print(repr(m), m.extra, type(m + timedelta(1)).__name__, type(m - timedelta(1)).__name__)
print(type(MyDT.now()).__name__, type(MyDT.fromisoformat('2001-02-03')).__name__)
print(type(MyDT.combine(date(2000, 1, 1), time(1))).__name__)
d = MyDelta(hours=3)
print(repr(d), d.hours(), type(d + d).__name__, type(-d).__name__)
s = Slotted(1, 2)
s.tag = 'x'
print(repr(s), s.tag)
try:
    s.other = 1
except AttributeError as e:
    print('AttributeError')

for obj in [date(2000, 1, 2), datetime(2000, 1, 2, 3, 4, 5, 6, timezone.utc),
            datetime(2000, 1, 2, fold=1), time(1, 2, 3, 4, timezone(timedelta(hours=-2), 'Z')),
            time(5, fold=1), timedelta(-1, 5, 7), timezone.utc, timezone(timedelta(minutes=30)),
            m, MyDelta(3)]:
    outs = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(obj, proto))
        outs.append(back == obj and type(back) is type(obj)
                    and getattr(back, 'fold', 0) == (getattr(obj, 'fold', 0) if proto > 3 else 0))
    print(repr(obj), outs, copy.copy(obj) == obj, copy.deepcopy(obj) == obj)

for obj in [date(2000, 1, 1), datetime(2000, 1, 1), time(0), timedelta(0), timezone.utc]:
    try:
        obj.year = 5
    except AttributeError:
        print(type(obj).__name__, 'is immutable')

try:
    class Z(timezone):
        pass
except TypeError as e:
    print('TypeError', e)

class TZ(tzinfo):
    def __init__(self, n=0):
        self.n = n
    def utcoffset(self, dt):
        return timedelta(minutes=self.n)
t = pickle.loads(pickle.dumps(TZ(7)))
print(type(t).__name__, t.n)
print(date.__new__(MyDate, 2000, 1, 1).__class__.__name__)
try:
    date.__new__(int, 1, 2, 3)
except TypeError as e:
    print('TypeError', e)
