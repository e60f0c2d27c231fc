# Aware arithmetic, comparisons and conversions with timezone and tzinfo subclasses.
from datetime import datetime, time, timedelta, timezone, tzinfo

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

plus2 = timezone(timedelta(hours=2))
minus5 = timezone(timedelta(hours=-5), 'EST')
a = datetime(2022, 1, 1, 12, tzinfo=plus2)
b = datetime(2022, 1, 1, 5, tzinfo=minus5)
show(lambda: [a == b, a < b, b - a, hash(a) == hash(b)])
show(lambda: a.astimezone(minus5))
show(lambda: a.astimezone(timezone.utc).utcoffset())
show(lambda: a.timestamp())
show(lambda: datetime.fromtimestamp(1e9, plus2))
show(lambda: datetime.fromtimestamp(-1.25, timezone.utc))
show(lambda: datetime(2022, 1, 1) < a)
show(lambda: datetime(2022, 1, 1) == a)
show(lambda: datetime(2022, 1, 1) - a)
show(lambda: time(1, tzinfo=plus2) < time(0, tzinfo=minus5))
show(lambda: time(1) < time(1, tzinfo=plus2))
show(lambda: [plus2 == timezone(timedelta(hours=2), 'x'), hash(plus2) == hash(timezone(timedelta(hours=2)))])
show(lambda: timezone(timedelta(hours=24)))
show(lambda: timezone(timedelta(hours=1), b'x'))
show(lambda: timezone.utc.utcoffset(3))
show(lambda: timezone.utc.fromutc(datetime(2000, 1, 1)))
show(lambda: plus2.fromutc(datetime(2000, 1, 1, tzinfo=plus2)))

class Fixed(tzinfo):
    def __init__(self, minutes, name):
        self.off = timedelta(minutes=minutes)
        self.name = name
    def utcoffset(self, dt):
        return self.off
    def dst(self, dt):
        return timedelta(0)
    def tzname(self, dt):
        return self.name

class Bad(tzinfo):
    def utcoffset(self, dt):
        return 5
    def tzname(self, dt):
        return 7

f = Fixed(-90, 'X')
c = datetime(2022, 6, 1, 10, tzinfo=f)
show(lambda: [c.utcoffset(), c.dst(), c.tzname(), c.isoformat(), c.strftime('%z %Z')])
show(lambda: c.astimezone(timezone.utc))
show(lambda: timezone.utc.fromutc(datetime(2022, 6, 1, tzinfo=timezone.utc)).astimezone(f).isoformat())
show(lambda: datetime(2022, 1, 1, tzinfo=Bad()).utcoffset())
show(lambda: datetime(2022, 1, 1, tzinfo=Bad()).tzname())
show(lambda: datetime(2022, 1, 1, tzinfo=Fixed(24 * 60, 'big')).utcoffset())
show(lambda: tzinfo().utcoffset(None))
show(lambda: tzinfo().fromutc(datetime(2000, 1, 1)))
show(lambda: datetime(2000, 1, 1, tzinfo=1))

class Gap(tzinfo):
    # UTC+1 before 2000-03-26 02:00 local, UTC+2 after (fold-aware).
    def utcoffset(self, dt):
        start = datetime(2000, 3, 26, 2)
        naive = dt.replace(tzinfo=None)
        if naive < start:
            return timedelta(hours=1)
        if naive < start + timedelta(hours=1):
            return timedelta(hours=2 if dt.fold else 1)
        return timedelta(hours=2)
    def dst(self, dt):
        return self.utcoffset(dt) - timedelta(hours=1)

g = Gap()
t0 = datetime(2000, 3, 26, 2, 30, tzinfo=g)
show(lambda: [t0.utcoffset(), t0.replace(fold=1).utcoffset()])
show(lambda: t0 == t0.astimezone(timezone.utc))
show(lambda: hash(t0) == hash(t0.replace(fold=1)))
