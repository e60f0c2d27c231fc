# gmtime / asctime / strftime on fixed timestamps and tuples; localtime,
# mktime and ctime only through relations that hold in every time zone.
import time

STAMPS = [0, 1, -1, 59, 86399, 86400, 951782400, 951868800, 1e9, 1234567890.75,
          -0.5, -1.5, 1.9999, 2**31 - 1, 2**31, -2**31, 4102444800, 253402300799,
          -62135596800, -62135596801, 10**12, True, False]
for s in STAMPS:
    g = time.gmtime(s)
    print(repr(s), tuple(g), g.tm_zone, g.tm_gmtoff, time.asctime(g))


class Secs:
    def __index__(self):
        return 86400 * 366


print(tuple(time.gmtime(Secs())))
print(time.gmtime(None) == time.gmtime(None) or "clock ticked")
print(len(time.gmtime()), time.gmtime().tm_zone)

# asctime: fixed layout, day of month padded to 3, any year.
for tup in [(2024, 1, 1, 0, 0, 0, 0, 1, 0), (1999, 12, 31, 23, 59, 59, 4, 365, 0),
            (2024, 0, 0, 0, 0, 0, 0, 0, 0), (2024, 2, 29, 12, 5, 61, 6, 60, -1),
            (0, 6, 15, 1, 2, 3, 2, 166, 1), (-44, 3, 15, 12, 0, 0, 4, 74, 0),
            (99999, 7, 4, 9, 8, 7, 1, 185, 0), (1900 - 2**31, 1, 1, 0, 0, 0, 0, 1, 0),
            (2**31 - 1, 1, 1, 0, 0, 0, -1, 1, 0), (2024, 1, 1, 0, 0, 0, -8, 1, 0),
            (2024, 1, 1, 0, 0, 0, 2**31 - 2, 1, 5)]:
    print(tup, "->", repr(time.asctime(tup)))

# strftime directives on a fixed tuple (C locale names).
T = (2024, 3, 9, 7, 5, 3, 5, 69, 0)
for fmt in ["%Y-%m-%d %H:%M:%S", "%a %A %b %B %h", "%c|%x|%X", "%D %F %T %R %r",
            "%I %p %l", "%j %U %W %V %G %g %u %w", "%y %C %e", "%n%t%%", "%s" and "%%s",
            "%-d %-m %-H %_d %_m %02e %5Y %-j", "%^a %^B %#p %10A|%-10A|", "%Ey %Oy %EY",
            "", "%", "abc%", "%Q %k %P", "%z", "100% pure", "%Y" * 50,
            "caf\u00e9 %Y \u20ac \U0001f600 %m", "\ud800%Y\udfff", "%\u00e9"]:
    print(repr(fmt[:40]), "->", repr(time.strftime(fmt, T)))

# Output longer than 256 times the format is taken as empty, as in CPython.
print(len(time.strftime("%2000Y", T)), len(time.strftime("%3000Y", T)))
print(len(time.strftime("%Y %B " * 400, T)))

# A struct_time passes its tm_zone / tm_gmtoff to %Z / %z.
z = time.struct_time(T, {"tm_zone": "ABC", "tm_gmtoff": -(5 * 3600 + 1800)})
print(time.strftime("%Z %z", z), time.strftime("%Z|%z", time.gmtime(0)))
print(time.strftime("%z", time.struct_time(T, {"tm_gmtoff": 3600 * 14})))
print(time.strftime("%Z", time.struct_time(T, {"tm_zone": "caf\u00e9"})))
print(repr(time.strftime("%Z", time.struct_time(T, {"tm_zone": "A\x00B"}))))
print(repr(time.strftime("%Z", T[:8] + (-1,))), repr(time.strftime("%Z", T[:8] + (-7,))))
print(time.strftime("%z", T))

# Normalised fields: month/mday/yday 0 mean the first; wday is modulo 7.
print(time.strftime("%Y-%m-%d %j %a %w", (2024, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.strftime("%a %w", (2024, 1, 1, 0, 0, 0, -1, 1, 0)),
      time.strftime("%a %w", (2024, 1, 1, 0, 0, 0, 13, 1, 0)))
print(time.strftime("%S", (2024, 1, 1, 0, 0, 61, 0, 1, 0)))

# Tuple subclasses and __index__ items are accepted.
class Tup(tuple):
    pass


class Year:
    def __index__(self):
        return 1987


print(time.strftime("%Y %m", Tup((2001, 9, 9, 1, 46, 40, 6, 252, 0))),
      time.asctime((Year(), 1, 1, 0, 0, 0, 3, 1, 0)), time.strftime("%Y", (True,) + T[1:]))

# Local time: only relations that do not depend on the machine's zone.
for s in [0, 86400 * 200, 1e9, 1234567890, 1700000000, 2**31 - 1]:
    lt = time.localtime(s)
    ok_ranges = (1 <= lt.tm_mon <= 12 and 1 <= lt.tm_mday <= 31 and 0 <= lt.tm_hour <= 23
                 and 0 <= lt.tm_min <= 59 and 0 <= lt.tm_sec <= 61 and 0 <= lt.tm_wday <= 6
                 and 1 <= lt.tm_yday <= 366 and lt.tm_isdst in (0, 1))
    print(s, ok_ranges, time.mktime(lt) == int(s), type(time.mktime(lt)).__name__,
          type(lt.tm_zone).__name__, type(lt.tm_gmtoff).__name__,
          abs(lt.tm_gmtoff) <= 14 * 3600,
          time.ctime(s) == time.asctime(lt),
          time.gmtime(s - (s % 1) + lt.tm_gmtoff)[:6] == lt[:6])
print(time.mktime(time.localtime(1e9)[:8] + (-1,)) in (1e9, 1e9 - 3600, 1e9 + 3600))
print(len(time.localtime()), time.localtime(None).tm_year >= 2020, len(time.ctime()),
      len(time.ctime(None)), len(time.asctime()), len(time.strftime("%Y")))
print(type(time.timezone).__name__, type(time.altzone).__name__, time.daylight in (0, 1),
      type(time.tzname).__name__, len(time.tzname), [type(n).__name__ for n in time.tzname])
print(time.tzset(), time.daylight in (0, 1), len(time.tzname))
print(time.mktime((2024, 13, 1, 0, 0, 0, 0, 1, -1)) == time.mktime((2025, 1, 1, 0, 0, 0, 0, 1, -1)))
print(time.mktime((2024, 3, 1, 0, 0, 0, 99, 1, -1)) == time.mktime((2024, 2, 30, 0, 0, 0, 0, 1, -1)))
