# format() specs applied to floats
vals = [0.0, -0.0, 1.0, 3.14159265, -2.5, 1234567.891, 1e-7, 1.5e22, 0.000123456, 100.0]
for v in vals:
    print(repr(v), format(v, ''), format(v, 'f'), format(v, '.2f'), format(v, 'e'), format(v, '.3e'), format(v, 'g'), format(v, '.3g'), format(v, '%'))
for v in (0.5, 1.5, 2.5, 0.125, 0.375, 2.675):
    print(v, format(v, '.0f'), format(v, '.1f'), format(v, '.2f'))
print(format(1.0, '#.0f'), format(1.0, '#g'), format(1.0, '#.3g'), format(123.0, '#e'))
print(format(1234567.0, ','), format(1234567.891, ',.2f'), format(1234567.891, '_.1f'), format(-1234.5, '015,.2f'))
print(format(3.5, '+'), format(3.5, ' '), format(-3.5, ' '), format(3.5, '+.1f'), format(-3.5, '-.1f'))
print(format(2.5, '10.3f') + '|', format(2.5, '<10.3f') + '|', format(2.5, '^10.3f') + '|', format(-2.5, '=10.3f') + '|', format(2.5, '010.3f'))
print(format(float('inf'), 'f'), format(float('-inf'), 'e'), format(float('nan'), 'g'), format(float('inf'), 'F'), format(float('nan'), 'E'), format(float('inf'), '+08.2f'))
print(format(1e16, 'g'), format(1e15, 'g'), format(123456789.0, 'g'), format(0.0001, 'g'), format(0.00001, 'g'), format(1e-5, 'G'))
print(format(12.0, 'n'), format(1e20, 'n'), format(0.1, '.20f'), format(2 ** 0.5, '.15g'), format(2 ** 0.5, '.17g'))
print(format(-0.0, 'z.1f'), format(-0.0001, 'z.2f'), format(-0.0001, '.2f'), format(0.0, 'z'))
print(format(1e100, 'f')[:30], len(format(1e100, 'f')))
print(format(0.5, '.0%'), format(0.123456, '.2%'), format(-1.0, '%'))
print(format(5.0, 'E'), format(5e-10, 'G'), format(5.0, '.0e'), format(123.456, '.10g'))
for spec in ['d', 'x', 'c', 's', ',,', '.f', '=s']:
    try:
        print(format(1.5, spec))
    except ValueError as e:
        print(spec, type(e).__name__, e)
print(format(1.5, '*>+10.2e'), format(-1.5, '#>10'), format(1e-10, '.3'), format(123.456, '.3'), format(123456.0, '.3'))
