# At exit the interpreter waits for non-daemon threads and abandons daemon threads.
import threading

forever = threading.Event()

def daemon_body():
    forever.wait()               # never set: the process must still exit
    print("daemon woke up (must not happen)")

go = threading.Event()
def finisher():
    go.wait()
    print("non-daemon thread finished after main code")

threading.Thread(target=daemon_body, daemon=True, name="daemon").start()
threading.Thread(target=finisher, name="finisher").start()
print("main code done")
go.set()
