# repr/str/isoformat/strftime/__format__/ctime of the datetime types.
from datetime import date, datetime, time, timedelta, timezone

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = datetime(2021, 7, 4, 9, 5, 3, 120)
east = timezone(timedelta(hours=5, minutes=30), 'IST')
show(lambda: [repr(d), str(d), d.isoformat(), d.isoformat(' ', 'milliseconds')])
show(lambda: [d.isoformat(timespec=s) for s in ('hours', 'minutes', 'seconds', 'microseconds')])
show(lambda: d.isoformat(timespec='nanoseconds'))
show(lambda: d.isoformat(sep='--'))
show(lambda: d.replace(tzinfo=east).isoformat())
show(lambda: repr(d.replace(tzinfo=east, fold=1)))
show(lambda: [repr(time(1)), repr(time(1, 2, 3)), repr(time(0, 0, 0, 5)), str(time(23, 59))])
show(lambda: time(4, 5, tzinfo=timezone.utc).isoformat())
show(lambda: d.strftime('%Y/%m/%d %H:%M:%S.%f %j %a %b'))
show(lambda: d.replace(tzinfo=east).strftime('%z %Z %%Z'))
show(lambda: d.strftime('%z|%Z'))
show(lambda: time(7, 8, 9, 10).strftime('%H-%M-%S-%f'))
show(lambda: date(1999, 12, 31).strftime('%d.%m.%y %H'))
show(lambda: f'{d:%d %B %Y}')
show(lambda: f'{date(2000, 1, 2)}')
show(lambda: format(time(1, 2), ''))
show(lambda: d.ctime())
show(lambda: date(2002, 3, 11).ctime())
show(lambda: [str(timezone.utc), repr(timezone.utc), str(east), repr(east)])
show(lambda: [str(timezone(timedelta(hours=-3, seconds=-7))), timezone(timedelta(0)).tzname(None)])
show(lambda: timezone(timedelta(microseconds=-1)).tzname(None))
show(lambda: d.timetuple())
show(lambda: d.replace(tzinfo=east).utctimetuple())
show(lambda: date(2000, 3, 1).timetuple().tm_yday)
show(lambda: [repr(timedelta(0)), repr(timedelta(seconds=-1)), str(timedelta(days=2, microseconds=7))])
show(lambda: [datetime.min, datetime.max, date.resolution, time.max])
