# Errors of the time module's functions: exception type and message for bad
# argument counts, types, values and ranges (none of these sleeps or sets a
# clock: every clock_settime call here is refused by the kernel).
import time

T = (2024, 1, 1, 0, 0, 0, 0, 1, 0)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class BadIdx:
    def __index__(self):
        raise RuntimeError("no index")


class Tup(tuple):
    pass


CASES = [
    # argument counts and keywords
    "time.time(1)", "time.time(x=1)", "time.time_ns(1)", "time.monotonic(1)",
    "time.monotonic_ns(a=1)", "time.perf_counter(1)", "time.perf_counter_ns(1)",
    "time.process_time(1)", "time.process_time_ns(1)", "time.thread_time(1)",
    "time.thread_time_ns(1)", "time.tzset(1)", "time.tzset(a=1)",
    "time.sleep()", "time.sleep(1, 2)", "time.sleep(secs=1)", "time.mktime()",
    "time.mktime(T, T)", "time.mktime(t=T)",
    "time.gmtime(1, 2)", "time.gmtime(secs=1)", "time.localtime(1, 2)", "time.localtime(x=1)",
    "time.ctime(1, 2)", "time.ctime(secs=1)", "time.asctime(T, T)", "time.asctime(t=T)",
    "time.strftime()", "time.strftime('%Y', T, 3)", "time.strftime(format='%Y')",
    "time.clock_gettime()", "time.clock_gettime(0, 1)", "time.clock_gettime(clk_id=0)",
    "time.clock_gettime_ns()", "time.clock_gettime_ns(clk_id=0)", "time.clock_getres()",
    "time.clock_getres(0, 0)", "time.clock_settime(0)", "time.clock_settime(1, 2, 3)",
    "time.clock_settime_ns(0)", "time.clock_settime_ns(0, 0, x=1)",
    "time.pthread_getcpuclockid()", "time.pthread_getcpuclockid(1, 2)",
    "time.get_clock_info()", "time.get_clock_info('time', 1)", "time.get_clock_info(name='time')",
    # seconds arguments
    "time.sleep('1')", "time.sleep(None)", "time.sleep([])", "time.sleep(-1)", "time.sleep(-0.001)",
    "time.sleep(-1e-10)", "time.sleep(float('nan'))", "time.sleep(float('inf'))",
    "time.sleep(-float('inf'))", "time.sleep(1e300)", "time.sleep(2.0**63 / 1e9)",
    "time.sleep(2**63 // 10**9 + 1)", "time.sleep(2**70)", "time.sleep(-2**70)",
    "time.sleep(Idx(-1))", "time.sleep(BadIdx())", "time.sleep(1j)",
    "time.gmtime('0')", "time.gmtime(b'0')", "time.gmtime([])", "time.gmtime(1j)",
    "time.gmtime(float('nan'))", "time.gmtime(float('inf'))", "time.gmtime(-float('inf'))",
    "time.gmtime(1e20)", "time.gmtime(2.0**63)", "time.gmtime(-2.0**63 - 4096)",
    "time.gmtime(2**63)", "time.gmtime(-2**63 - 1)", "time.gmtime(2**100)",
    "time.gmtime(-2**63)", "time.gmtime(-2.0**63)", "time.gmtime(1e18)", "time.gmtime(-1e18)",
    "time.gmtime(67768036191676800)", "time.gmtime(-67768040609740801)",
    "time.gmtime(67768036191676799)[:6]", "time.gmtime(-67768040609740800)[:6]",
    "time.gmtime(BadIdx())",
    "time.localtime('x')", "time.localtime(float('nan'))", "time.localtime(1e20)",
    "time.localtime(2**62)", "time.localtime(-1e18)",
    "time.ctime('x')", "time.ctime(float('nan'))", "time.ctime(1e20)", "time.ctime(-1e18)",
    # time tuples
    "time.asctime(5)", "time.asctime(None)", "time.asctime([2024, 1, 1, 0, 0, 0, 0, 1, 0])",
    "time.asctime('abcdefghi')", "time.asctime(T[:8])", "time.asctime(T + (0,))",
    "time.asctime(())", "time.asctime((2024.0,) + T[1:])", "time.asctime(T[:1] + ('1',) + T[2:])",
    "time.asctime(T[:8] + (0.5,))", "time.asctime((BadIdx(),) + T[1:])",
    "time.asctime((2**31,) + T[1:])", "time.asctime((2**63,) + T[1:])",
    "time.asctime((-2**31,) + T[1:])", "time.asctime((1899 - 2**31,) + T[1:])",
    "time.asctime((2**31 - 1 + 1900,) + T[1:])", "time.asctime(T[:6] + (2**31 - 1,) + T[7:])",
    "time.asctime(T[:6] + (-2**31 - 1,) + T[7:])",
    "time.asctime((2024, 13, 1, 0, 0, 0, 0, 1, 0))", "time.asctime((2024, -1, 1, 0, 0, 0, 0, 1, 0))",
    "time.asctime((2024, 1, 32, 0, 0, 0, 0, 1, 0))", "time.asctime((2024, 1, -1, 0, 0, 0, 0, 1, 0))",
    "time.asctime((2024, 1, 1, 24, 0, 0, 0, 1, 0))", "time.asctime((2024, 1, 1, -1, 0, 0, 0, 1, 0))",
    "time.asctime((2024, 1, 1, 0, 60, 0, 0, 1, 0))", "time.asctime((2024, 1, 1, 0, -1, 0, 0, 1, 0))",
    "time.asctime((2024, 1, 1, 0, 0, 62, 0, 1, 0))", "time.asctime((2024, 1, 1, 0, 0, -1, 0, 1, 0))",
    "time.asctime((2024, 1, 1, 0, 0, 0, -2, 1, 0))", "time.asctime((2024, 1, 1, 0, 0, 0, 0, 367, 0))",
    "time.asctime((2024, 1, 1, 0, 0, 0, 0, -1, 0))",
    "time.asctime(Tup((2024, 1, 1, 0, 0, 0, 0, 1, 0)))",
    "time.asctime((Idx(2024), 1, 1, 0, 0, 0, 0, 1, 0))",
    "time.asctime(time.struct_time(T, {'tm_gmtoff': 'x'}))",
    "time.asctime(time.struct_time(T, {'tm_gmtoff': 2**63}))",
    "time.asctime(time.struct_time(T, {'tm_zone': 5}))",
    "time.asctime(time.struct_time(T, {'tm_zone': '\\udc80'}))",
    "time.asctime(time.struct_time((2024, 13) + T[2:], {'tm_zone': 5}))",
    "time.strftime(5)", "time.strftime(b'%Y')", "time.strftime(None)", "time.strftime('%Y', 5)",
    "time.strftime('%Y', None)", "time.strftime('%Y', T[:3])", "time.strftime('%Y', [2024] * 9)",
    "time.strftime('%Y', (2024, 13, 1, 0, 0, 0, 0, 1, 0))",
    "time.strftime('%Y', (2024, 1, 1, 0, 0, 0, -2, 1, 0))",
    "time.strftime('%Y', (2**31,) + T[1:])",
    "time.strftime('a\\x00b', T)", "time.strftime('\\x00', (2024, 13, 1, 0, 0, 0, 0, 1, 0))",
    "time.strftime('%Z', time.struct_time(T, {'tm_zone': 5}))",
    "time.strftime('%Z', time.struct_time(T, {'tm_zone': '\\ud800'}))",
    "time.strftime('%Z', time.struct_time(T, {'tm_gmtoff': 1.5}))",
    "time.mktime(5)", "time.mktime(None)", "time.mktime([0] * 9)", "time.mktime(T[:8])",
    "time.mktime(T + (0,))", "time.mktime(T[:8] + (0.5,))", "time.mktime((1e10,) + T[1:])",
    "time.mktime((2**40,) + T[1:])", "time.mktime((1899 - 2**31,) + T[1:])",
    "time.mktime((2024, 2**31) + T[2:])", "time.mktime(time.struct_time(T, {'tm_zone': 5}))",
    # clocks
    "time.clock_gettime('a')", "time.clock_gettime(None)", "time.clock_gettime(1.5)",
    "time.clock_gettime(2**31)", "time.clock_gettime(-2**31 - 1)", "time.clock_gettime(2**64)",
    "time.clock_gettime(999)", "time.clock_gettime(-1)", "time.clock_gettime(Idx(999))",
    "time.clock_gettime(BadIdx())",
    "time.clock_gettime_ns(1.5)", "time.clock_gettime_ns(999)", "time.clock_gettime_ns(2**40)",
    "time.clock_getres('a')", "time.clock_getres(999)", "time.clock_getres(2**40)",
    "time.clock_settime(time.CLOCK_MONOTONIC, 0)", "time.clock_settime(999, 0)",
    "time.clock_settime(time.CLOCK_MONOTONIC, 1.5)", "time.clock_settime(time.CLOCK_MONOTONIC, -1e-10)",
    "time.clock_settime(time.CLOCK_PROCESS_CPUTIME_ID, 0)",
    "time.clock_settime(time.CLOCK_THREAD_CPUTIME_ID, 10)",
    "time.clock_settime(0, 'x')", "time.clock_settime(0, None)", "time.clock_settime('x', 0)",
    "time.clock_settime(2**40, 0)", "time.clock_settime(0, float('nan'))",
    "time.clock_settime(0, 1e300)", "time.clock_settime(0, 2**70)", "time.clock_settime(0, 2**62)",
    "time.clock_settime_ns(time.CLOCK_MONOTONIC, 0)", "time.clock_settime_ns(999, 10)",
    "time.clock_settime_ns(time.CLOCK_PROCESS_CPUTIME_ID, 0)",
    "time.clock_settime_ns(0, 1.5)", "time.clock_settime_ns(0, 'x')", "time.clock_settime_ns(0, None)",
    "time.clock_settime_ns(0, Idx(3))", "time.clock_settime_ns(0, 2**70)",
    "time.clock_settime_ns(1.5, 0)",
    "time.pthread_getcpuclockid('x')", "time.pthread_getcpuclockid(1.5)",
    "time.pthread_getcpuclockid(None)", "time.pthread_getcpuclockid(Idx(0))",
    "time.pthread_getcpuclockid(0)", "time.pthread_getcpuclockid(2**64)",
    "time.get_clock_info('x')", "time.get_clock_info('')", "time.get_clock_info('TIME')",
    "time.get_clock_info(5)", "time.get_clock_info(None)", "time.get_clock_info(b'time')",
    "time.get_clock_info('time\\x00')", "time.get_clock_info('\\udc80')",
    # names that do not exist
    "time.clock", "time.tzsetwall",
]

for expr in CASES:
    try:
        r = eval(expr)
    except Exception as e:
        print(expr, "->", type(e).__name__ + ":", e)
        if isinstance(e, OSError):
            print("   errno", e.errno, "strerror", e.strerror)
    else:
        print(expr, "=>", r)
