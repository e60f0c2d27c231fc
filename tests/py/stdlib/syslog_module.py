# The syslog module's arguments, masks and audit events. Messages go to the
# system logger (dropped when none runs); nothing is printed by the logger.
import sys
import syslog

events = []
sys.addaudithook(lambda e, a: events.append((e, a)) if e.startswith("syslog.") else None)

print(syslog.LOG_MASK(syslog.LOG_ERR), syslog.LOG_UPTO(syslog.LOG_WARNING))
print(syslog.LOG_USER, syslog.LOG_LOCAL0, syslog.LOG_PID | syslog.LOG_NDELAY)

syslog.openlog("protopy-golden", syslog.LOG_PID, syslog.LOG_USER)
syslog.syslog("one message")
syslog.syslog(syslog.LOG_DEBUG, "debug message")
old = syslog.setlogmask(syslog.LOG_UPTO(syslog.LOG_ERR))
print(syslog.setlogmask(0) == syslog.LOG_UPTO(syslog.LOG_ERR))
syslog.setlogmask(old)
syslog.closelog()
syslog.closelog()
# Opened again implicitly, with the script's name as identity.
syslog.syslog("implicit open")
syslog.closelog()
syslog.openlog(logoption=syslog.LOG_NDELAY, facility=syslog.LOG_LOCAL0)
saved, sys.argv = sys.argv, None
syslog.openlog()
sys.argv = saved
syslog.closelog()

for e, a in events:
    print(e, a)

for call in [
    lambda: syslog.syslog(),
    lambda: syslog.syslog(5),
    lambda: syslog.syslog("a", "b"),
    lambda: syslog.syslog(1, "b", 3),
    lambda: syslog.openlog(None),
    lambda: syslog.openlog(ident=3),
    lambda: syslog.setlogmask("x"),
    lambda: syslog.openlog("a\0b"),
]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
syslog.closelog()
