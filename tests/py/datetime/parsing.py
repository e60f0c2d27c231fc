# fromisoformat (3.11's wider grammar) and strptime.
from datetime import date, datetime, time

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for s in ['2020-05-06', '20200506', '2020-W19', '2020W19', '2020-W19-3', '2020W193',
          '2020-5-06', '2020-13-01', '2020-02-30', '2020-W54', '']:
    show(lambda: date.fromisoformat(s))
for s in ['2020-05-06T07:08', '2020-05-06 07:08:09.123', '2020-05-06T07:08:09,5',
          '20200506T070809', '2020-05-06T07:08:09Z', '2020-05-06T07:08:09+05:30',
          '2020-05-06T07:08:09.1234567-02:00:30', '2020-W19-3T12', '2020-05-06T25:00',
          '2020-05-06T07:08:09+24:00', '2020-05-06T07', '2020-05-06X07:08', '2020-05-06T07:08:09Zx']:
    show(lambda: datetime.fromisoformat(s))
for s in ['07:08', 'T07:08:09', '070809', '07:08:09.5+01:00', '07:08:09.000001Z', '24:00', '7:08']:
    show(lambda: time.fromisoformat(s))
show(lambda: date.fromisoformat(20200101))
show(lambda: datetime.strptime('2021-03-04 05:06', '%Y-%m-%d %H:%M'))
show(lambda: datetime.strptime('04/03/21 +0130', '%d/%m/%y %z'))
show(lambda: datetime.strptime('x', '%Y'))
show(lambda: datetime.strptime(1, '%Y'))
