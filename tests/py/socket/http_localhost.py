# http.server and http.client on 127.0.0.1: GET and POST, keep-alive,
# headers, a 404.
import http.client
import http.server
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/missing":
            self.send_error(404, "nothing here")
            return
        body = ("you asked for " + self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        n = int(self.headers["Content-Length"])
        data = self.rfile.read(n)
        self.send_response(201)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Sum", str(sum(data)))
        self.end_headers()
        self.wfile.write(data[::-1])

    def log_message(self, *args):
        pass


srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
t.start()
host, port = srv.server_address

conn = http.client.HTTPConnection(host, port, timeout=10)
for path in ["/", "/a/b?c=d"]:
    conn.request("GET", path)
    r = conn.getresponse()
    print(r.status, r.reason, r.getheader("Content-Type"), r.read())
payload = bytes(range(256)) * 400
conn.request("POST", "/upload", body=payload, headers={"Content-Type": "application/octet-stream"})
r = conn.getresponse()
body = r.read()
print(r.status, r.getheader("X-Sum") == str(sum(payload)), body == payload[::-1])
conn.request("GET", "/missing")
r = conn.getresponse()
print(r.status, r.reason, len(r.read()) > 0)
conn.close()
srv.shutdown()
srv.server_close()
t.join()
