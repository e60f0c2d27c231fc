# A catastrophic pattern is interrupted by a signal handler that raises.
import sys; sys.path.append('/usr/lib/python3.11')
import re, signal

class Timeout(Exception):
    pass

def handler(signum, frame):
    raise Timeout('took too long')

signal.signal(signal.SIGALRM, handler)
signal.alarm(1)
try:
    re.match(r'(a+)+b', 'a' * 60)
    print('finished?')
except Timeout as e:
    print('interrupted:', e)
finally:
    signal.alarm(0)
print(re.match(r'(a+)+b', 'aaab').span())
