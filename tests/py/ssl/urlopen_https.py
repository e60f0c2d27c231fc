# urllib.request.urlopen of an https URL served by http.server in a thread,
# with a certificate signed by the test suite's CA; then a client that does
# not trust that CA.
import http.server
import ssl
import threading
import urllib.error
import urllib.request

TEST = "/usr/lib/python3.11/test/"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("path=%s tls=%s" % (self.path, self.connection.version())).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(TEST + "keycert3.pem")
httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
httpd.socket = server_ctx.wrap_socket(httpd.socket, server_side=True)
port = httpd.server_address[1]
t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
t.start()

client_ctx = ssl.create_default_context(cafile=TEST + "pycacert.pem")
url = "https://localhost:%d/hello?x=1" % port
with urllib.request.urlopen(url, context=client_ctx, timeout=10) as r:
    print(r.status, r.reason, r.headers["Content-Type"])
    print(r.read().decode())

req = urllib.request.Request("https://localhost:%d/second" % port)
with urllib.request.urlopen(req, context=client_ctx, timeout=10) as r:
    print(r.status, r.read())

untrusting = ssl.create_default_context(cafile=TEST + "keycert.pem")
try:
    urllib.request.urlopen(url, context=untrusting, timeout=10)
except urllib.error.URLError as e:
    r = e.reason
    print("URLError", type(r).__name__, r.verify_code, r.verify_message)

httpd.shutdown()
t.join()
httpd.server_close()
print("done")
