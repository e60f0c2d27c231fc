# _locale and locale: queries, conventions, langinfo, collation, and the
# errors of bad settings.
import _locale, locale

print(_locale.LC_ALL, _locale.LC_CTYPE, _locale.CHAR_MAX)
print(_locale.setlocale(_locale.LC_NUMERIC), _locale.setlocale(_locale.LC_COLLATE, 'C'))
print(_locale.getencoding(), _locale.nl_langinfo(_locale.CODESET))
conv = _locale.localeconv()
print(sorted(conv)[:4], conv['decimal_point'], repr(conv['thousands_sep']), conv['grouping'])
print(conv['int_frac_digits'], conv['mon_grouping'])
print(_locale.nl_langinfo(_locale.DAY_1), _locale.nl_langinfo(_locale.ABMON_12))
print(_locale.nl_langinfo(_locale.D_T_FMT), _locale.nl_langinfo(_locale.RADIXCHAR))
print(_locale.strcoll('a', 'b') < 0, _locale.strcoll('b', 'a') > 0, _locale.strcoll('x', 'x'))
print(_locale.strxfrm('hello'), sorted(['b', 'C', 'a'], key=locale.strxfrm))
print(locale.setlocale(locale.LC_ALL, 'C'), locale.getlocale(locale.LC_NUMERIC))
print(locale.format_string('%d items', 1234567, grouping=True), locale.str(2.5))
print(locale.atof('3.25'), locale.atoi('42'), locale.normalize('en_us'))
print(issubclass(_locale.Error, Exception), _locale.Error.__module__, locale.Error is _locale.Error)

for args in [(_locale.setlocale, _locale.LC_ALL, 'xx_NOT.A-LOCALE'),
             (_locale.setlocale, 12345, None),
             (_locale.setlocale, _locale.LC_ALL, 5),
             (_locale.nl_langinfo, 999999),
             (_locale.nl_langinfo, 'x'),
             (_locale.strcoll, 'a\0', 'b'),
             (_locale.strxfrm, 5),
             (_locale.localeconv, 1)]:
    try:
        args[0](*args[1:])
    except (_locale.Error, ValueError, TypeError) as e:
        print(args[0].__name__, type(e).__name__, e)
