# An uncaught exception in a thread is printed to stderr; other threads and main go on.
import threading

def failing_target():
    raise ValueError("bad value in thread")

def good(box):
    box.append("good ran")

t = threading.Thread(target=failing_target)
t.start()
t.join()
print("main continues; failed thread alive:", t.is_alive())

box = []
g = threading.Thread(target=good, args=(box,))
g.start(); g.join()
print(box)

class Broken(threading.Thread):
    def run(self):
        {}["missing"]

b = Broken(name="broken-worker")
b.start(); b.join()
print("still running after second failure")
