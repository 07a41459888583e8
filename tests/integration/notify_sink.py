"""Real receivers for the notification tests: an SMTP server (Debian's python3-aiosmtpd) that
keeps every message as a file, and an HTTP server that keeps every webhook request as a line of
JSON with its headers and whether its HMAC-SHA256 signature verifies.

usage: notify_sink.py DIR [--smtp-delay SECONDS]
Prints "ready smtp=PORT http=PORT" once both listen (ports chosen by the system); runs until
killed. Mail goes to DIR/mail/<n>.eml, webhook requests to DIR/hooks.jsonl. The signing key is the
environment variable SOKUO_TEST_HOOK_SECRET.
"""
import hashlib
import hmac
import http.server
import json
import os
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Keep:
    def __init__(self, directory, delay):
        self.directory = directory
        self.delay = delay
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)
        with self.lock:
            self.count += 1
            n = self.count
        path = os.path.join(self.directory, "%06d.eml" % n)
        with open(path + ".part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".part", path)
        return "250 OK"


def main():
    out = sys.argv[1]
    delay = float(sys.argv[sys.argv.index("--smtp-delay") + 1]) if "--smtp-delay" in sys.argv else 0
    os.makedirs(os.path.join(out, "mail"), exist_ok=True)
    secret = os.environ.get("SOKUO_TEST_HOOK_SECRET", "").encode()
    lock = threading.Lock()

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            stamp = self.headers.get("X-Sokuo-Timestamp", "")
            signature = self.headers.get("X-Sokuo-Signature", "")
            expected = "sha256=" + hmac.new(secret, stamp.encode() + b"." + body,
                                            hashlib.sha256).hexdigest()
            record = {
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8"),
                "verified": bool(signature) and hmac.compare_digest(signature, expected),
            }
            with lock, open(os.path.join(out, "hooks.jsonl"), "a", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
            status = 503 if self.path.endswith("/unavailable") else 204
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    smtp_port = free_port()
    controller = Controller(Keep(os.path.join(out, "mail"), delay), hostname="127.0.0.1",
                            port=smtp_port)
    controller.start()
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    print("ready smtp=%d http=%d" % (smtp_port, web.server_address[1]), flush=True)
    web.serve_forever()


if __name__ == "__main__":
    main()
