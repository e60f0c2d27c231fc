# A signal that arrives while a native function runs has its Python handler run as soon
# as that call returns (CPython checks for pending signals after every C call), not at the
# next loop back-edge: the statement after the call already sees the handler's effect, and
# an exception the handler raises comes out of the call's line. The timers are much
# shorter than the native calls (summing ten million ints), and a signal that comes early
# (before the call) is handled by the same rule, so the output does not depend on timing.
import signal
import traceback

fired = []


def on_alarm(signum, frame):
    fired.append(signum == signal.SIGALRM)


signal.signal(signal.SIGALRM, on_alarm)

# 1. Module level, no loop: nothing between the call and the read below checks.
signal.setitimer(signal.ITIMER_REAL, 0.001)
total = sum(range(10**7))
seen = fired[:]
print("module level:", seen, total)


# 2. In a function without a loop.
def no_loop(data):
    del fired[:]
    signal.setitimer(signal.ITIMER_REAL, 0.001)
    ordered = sorted(data)
    count = fired[:]
    return count, ordered[0], ordered[-1]


print("function:", no_loop(list(range(2 * 10**6, 0, -1))))


# 3. A handler that raises: the exception comes out of the native call, before its result
#    is stored.
class Alarm(Exception):
    pass


def raising(signum, frame):
    raise Alarm("tick")


signal.signal(signal.SIGALRM, raising)
try:
    signal.setitimer(signal.ITIMER_REAL, 0.001)
    result = sum(range(10**7))
    print("not reached", result)
except Alarm as e:
    print("raised:", repr(e), "result" in globals())
    print([fs.line for fs in traceback.extract_tb(e.__traceback__)])


# 4. The same within a method call chain: each frame sees it at its own native call.
class Worker:
    def __init__(self):
        self.log = []

    def crunch(self):
        signal.setitimer(signal.ITIMER_REAL, 0.001)
        try:
            return sum(range(10**7))
        except Alarm:
            self.log.append("crunch")
            return -1


w = Worker()
print("method:", w.crunch(), w.log)

# 5. A handler that only records, several timers in a row, one call each.
signal.signal(signal.SIGALRM, on_alarm)
del fired[:]
steps = []
signal.setitimer(signal.ITIMER_REAL, 0.001)
sum(range(10**7))
steps.append(len(fired))
signal.setitimer(signal.ITIMER_REAL, 0.001)
sum(range(10**7))
steps.append(len(fired))
print("in a row:", steps)
signal.setitimer(signal.ITIMER_REAL, 0)
signal.signal(signal.SIGALRM, signal.SIG_DFL)
