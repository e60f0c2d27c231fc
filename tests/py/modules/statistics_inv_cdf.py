# _statistics._normal_dist_inv_cdf and statistics.NormalDist.inv_cdf on top of it.
import _statistics, statistics

for p in (1e-300, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999999):
    print(p, "%.12g" % _statistics._normal_dist_inv_cdf(p, 10.0, 2.0))
for args in [(0.0, 0, 1), (1.0, 0, 1), (0.5, 0, 0), (0.5, 0, -1)]:
    try:
        _statistics._normal_dist_inv_cdf(*args)
    except ValueError as e:
        print(args, "ValueError", e)
for bad in [("x", 0, 1), (0.5, 0)]:
    try:
        _statistics._normal_dist_inv_cdf(*bad)
    except TypeError as e:
        print("TypeError", e)
nd = statistics.NormalDist(100, 15)
print(round(nd.inv_cdf(0.9), 9), [round(q, 6) for q in nd.quantiles(4)])
