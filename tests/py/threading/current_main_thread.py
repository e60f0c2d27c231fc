# current_thread() and main_thread() from the main thread and from workers.
import threading

main = threading.main_thread()
print("current is main:", threading.current_thread() is main)
print("main name:", main.name, "alive:", main.is_alive())
print("main ident matches:", main.ident == threading.get_ident())

info = {}
def body(tag):
    cur = threading.current_thread()
    info[tag] = (cur.name, cur is threading.main_thread(), cur is workers[tag])

workers = {}
for tag in ("w1", "w2", "w3"):
    workers[tag] = threading.Thread(target=body, args=(tag,), name="named-" + tag)
for w in workers.values():
    w.start()
for w in workers.values():
    w.join()
for tag in sorted(info):
    print(tag, info[tag])

class Custom(threading.Thread):
    def run(self):
        info["custom"] = threading.current_thread() is self
c = Custom()
c.start(); c.join()
print("custom current is self:", info["custom"])
