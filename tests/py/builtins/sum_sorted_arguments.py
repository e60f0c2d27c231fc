# sum(iterable, /, start=0) and sorted(iterable, /, *, key=None, reverse=False):
# how they take (and refuse) their arguments, as their signatures say.
for c in ['sorted()', 'sorted(iterable=[])', 'sorted([], [])', 'sorted([], foo=1)', 'sorted(foo=1)', 'sum()', 'sum(iterable=[])', 'sum([], 0, 1)', 'sum([], start=1, foo=2)', 'sum(start=1)', 'sum([], foo=2)', 'sum([], 1, start=2)', 'sum(iterable=[], start=2)']:
  try: print(c, '=', eval(c))
  except TypeError as e: print(c, '->', e)
print(sum([1, 2], start=10), sum([1, 2], 5), sorted([3, 1, 2], key=lambda x: -x),
      sorted("bca", reverse=True), sorted([2, 1], key=None, reverse=0))
for c in ['sorted([], key=None, reverse=False, foo=1)', 'sorted([], reverse=False, reverse2=1)']:
    try:
        print(c, '=', eval(c))
    except TypeError as e:
        print(c, '->', e)
