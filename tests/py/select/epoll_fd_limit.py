# Many epoll objects dropped without close() under a low descriptor limit:
# creating one when the process is out of descriptors collects the
# unreachable ones (which close their fds) and retries.
import os
import resource
import select

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
r, w = os.pipe()
try:
    for i in range(1500):
        ep = select.epoll()
        ep.register(r, select.EPOLLIN)
    print("made 1500 epoll objects; last closed?", ep.closed)
finally:
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    os.close(r)
    os.close(w)
