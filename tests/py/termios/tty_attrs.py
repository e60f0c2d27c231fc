# termios on a pseudo-terminal from os.openpty: attributes round-trip,
# tty.setraw/setcbreak, window size, data through the pty, and errors.
import os
import select
import termios
import tty

master, slave = os.openpty()
print("isatty:", os.isatty(slave), os.get_inheritable(master))
attrs = termios.tcgetattr(slave)
print(len(attrs), len(attrs[6]), type(attrs[6][0]).__name__)
print("echo on:", attrs[3] & termios.ECHO != 0, "canonical:", attrs[3] & termios.ICANON != 0)

tty.setraw(slave)
raw = termios.tcgetattr(slave)
print("raw echo:", raw[3] & termios.ECHO != 0, "raw canonical:", raw[3] & termios.ICANON != 0)
print("VMIN/VTIME ints:", raw[6][termios.VMIN], raw[6][termios.VTIME])

termios.tcsetattr(slave, termios.TCSANOW, attrs)
print("restored:", termios.tcgetattr(slave) == attrs)
tty.setcbreak(slave)
print("cbreak canonical:", termios.tcgetattr(slave)[3] & termios.ICANON != 0)
termios.tcsetattr(slave, termios.TCSADRAIN, attrs)

termios.tcsetwinsize(slave, (24, 80))
print("winsize:", termios.tcgetwinsize(slave))
termios.tcsetwinsize(master, [50, 132])
print("winsize:", termios.tcgetwinsize(slave), os.get_terminal_size(slave))

os.write(master, b"hello\n")
r, _, _ = select.select([slave], [], [], 2)
print("slave readable:", r == [slave], os.read(slave, 100))
termios.tcdrain(slave)
termios.tcflush(slave, termios.TCIOFLUSH)
termios.tcflow(slave, termios.TCOON)
print("line control ok")


def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e.args if isinstance(e, termios.error) else e)
    else:
        print(label, "->", r)


r, w = os.pipe()
attempt("not a tty", lambda: termios.tcgetattr(r))
attempt("short list", lambda: termios.tcsetattr(slave, termios.TCSANOW, [1]))
attempt("bad cc", lambda: termios.tcsetattr(slave, termios.TCSANOW, attrs[:6] + [[1]]))
attempt("float cc", lambda: termios.tcsetattr(slave, termios.TCSANOW, attrs[:6] + [[1.5] * len(attrs[6])]))
attempt("bad when", lambda: termios.tcsetattr(slave, 99, attrs))
attempt("bad fd", lambda: termios.tcdrain(999))
print(issubclass(termios.error, OSError), termios.error.__module__)
for fd in (r, w, master, slave):
    os.close(fd)
