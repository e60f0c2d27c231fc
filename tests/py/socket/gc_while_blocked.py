# Threads blocked in recv() and accept() leave the collector's handshake:
# global collections in another thread go on while they wait. (Were they
# to wait for the blocked threads, this program would hang, which the
# golden runner's time limit reports; no wall-clock check here, so that it
# holds on a loaded machine and on a GC-stress build alike.)
import _socket as S
import gc
import threading
import time

a, b = S.socketpair()
srv = S.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
got = []
t1 = threading.Thread(target=lambda: got.append(b.recv(10)))
t2 = threading.Thread(target=lambda: got.append(type(srv._accept()).__name__))
t1.start()
t2.start()
time.sleep(0.2)
for i in range(5):
    x = [str(j) for j in range(5000)]
    gc.collect(2)
print("collections done while blocked:", len(got))
a.send(b"wake")
c = S.socket()
c.connect(srv.getsockname())
t1.join()
t2.join()
print(sorted(map(str, got)))
for s in (a, b, c, srv):
    s.close()
