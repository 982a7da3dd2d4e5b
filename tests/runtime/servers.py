"""Real local servers for runtime tests: an HTTP receiver (http.server in a thread)
and an SMTP server (aiosmtpd), both on 127.0.0.1 with a free port."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections import Counter
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a client killed mid-request is expected here
        pass


class HookServer:
    """Records every request. ``script[path]`` is a list of answers used in turn
    (an int status, or "hang" to answer only after ``hang_seconds``); then 200.
    ``pages[path]`` serves a fixed JSON body for GETs (API import tests).
    A request whose Idempotency-Key was already answered 2xx is a duplicate:
    ``applied`` counts each key once, as a receiver honouring the key would.
    ``conflict=True``: a request whose key is still being processed gets 409
    (Stripe's convention), counted in ``conflicts``."""

    def __init__(self, hang_seconds: float = 1.0, conflict: bool = False) -> None:
        self.conflict = conflict
        self.conflicts: Counter = Counter()
        self.in_flight: Counter = Counter()
        self.script: dict[str, list] = {}
        self.pages: dict[str, tuple[int, object, dict]] = {}
        self.requests: list[dict] = []
        self.times: list[float] = []  # monotonic arrival of each request
        self.applied: Counter = Counter()
        self.duplicates: Counter = Counter()
        self.hang_seconds = hang_seconds
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                key = self.headers.get("Idempotency-Key")
                with owner.lock:
                    owner.times.append(time.monotonic())
                    owner.requests.append({"path": self.path, "method": self.command, "headers": dict(self.headers),
                                           "body": body.decode("utf-8", "replace")})
                    busy = owner.conflict and key and owner.in_flight[key]
                    if busy:
                        owner.conflicts[key] += 1
                    else:
                        owner.in_flight[key] += 1
                        plan = owner.script.get(path)
                        answer = plan.pop(0) if plan else 200
                        page = owner.pages.get(self.path) or owner.pages.get(path)
                if busy:
                    self._reply(409)
                    return
                try:
                    self._process(answer, page, key)
                finally:
                    with owner.lock:
                        owner.in_flight[key] -= 1

            def _process(self, answer, page, key) -> None:
                if answer == "hang":
                    time.sleep(owner.hang_seconds)
                    answer = 200
                if page is not None and self.command == "GET":
                    status, data, headers = page
                    payload = json.dumps(data).encode()
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if 200 <= answer < 300 and key:
                    with owner.lock:
                        if owner.applied[key]:
                            owner.duplicates[key] += 1
                        else:
                            owner.applied[key] += 1
                self._reply(answer)

            def _reply(self, status: int) -> None:
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class MailServer:
    """aiosmtpd on 127.0.0.1; every accepted message's Message-ID is appended
    (and fsync'd) to ``log`` before the 250 reply: the delivery log.
    ``log_delay``: a relay that writes its log that many seconds after the 250.
    ``rcpt_delay``: a slow relay, that long before it accepts each recipient.
    ``on_data``: called once when the next message's data has arrived, before the 250."""

    def __init__(self, log: Path, log_delay: float = 0.0, **controller_options) -> None:
        import asyncio

        from aiosmtpd.controller import Controller

        self.log = Path(log)
        self.log.touch()
        self.received: list = []
        self.log_delay, self.rcpt_delay = log_delay, 0.0
        self.on_data = None
        owner = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if owner.rcpt_delay:
                    await asyncio.sleep(owner.rcpt_delay)
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                msg = message_from_bytes(envelope.content)
                owner.received.append(msg)
                line = f"{msg['Message-ID']} {','.join(envelope.rcpt_tos)}\n"
                call, owner.on_data = owner.on_data, None
                if call is not None:
                    call()
                if owner.log_delay:
                    threading.Timer(owner.log_delay, owner.write_log, (line,)).start()
                else:
                    owner.write_log(line)
                return "250 Message accepted for delivery"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **controller_options)
        self.controller.start()

    def write_log(self, line: str) -> None:
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def ids(self) -> list[str]:
        return [line.split()[0] for line in self.log.read_text(encoding="utf-8").splitlines() if line.strip()]

    def close(self) -> None:
        self.controller.stop()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (its own CA), for STARTTLS tests."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path
