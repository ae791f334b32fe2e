"""A tiny SMTP server for the scale test: speaks enough SMTP for Django's SMTP backend (EHLO/HELO,
MAIL, RCPT, DATA, RSET, NOOP, QUIT) and records every message with its Message-ID, subject and
recipients. Standard library only (aiosmtpd is not a dependency of the project)."""

from __future__ import annotations

import socketserver
import threading
import time
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser


@dataclass(frozen=True)
class Received:
    message_id: str
    subject: str
    sender: str
    recipients: tuple[str, ...]
    at: float


@dataclass
class Mailbox:
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, item: Received) -> None:
        with self.lock:
            self.messages.append(item)

    def since(self, index: int) -> list[Received]:
        with self.lock:
            return list(self.messages[index:])

    def __len__(self) -> int:
        with self.lock:
            return len(self.messages)


def _address(argument: str) -> str:
    """``FROM:<a@b>`` / ``TO:<a@b> SIZE=1`` → ``a@b`` (lower case)."""
    value = argument.split(":", 1)[1].strip() if ":" in argument else argument
    value = value.split(" ", 1)[0]
    return value.strip("<>").lower()


class _Session(socketserver.StreamRequestHandler):
    server: SinkServer

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def _data(self) -> bytes:
        lines = []
        while True:
            line = self.rfile.readline()
            if not line or line in (b".\r\n", b".\n"):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)  # dot-stuffing (RFC 5321 4.5.2)
        return b"".join(lines)

    def handle(self) -> None:
        self._say("220 ikz-scale-sink ESMTP")
        sender, recipients = "", list[str]()
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb, _sep, argument = line.partition(" ")
            verb = verb.upper()
            if verb == "EHLO":
                self._say("250-ikz-scale-sink")
                self._say("250-8BITMIME")
                self._say("250 SMTPUTF8")
            elif verb == "HELO" or verb == "NOOP":
                self._say("250 OK")
            elif verb == "MAIL":
                sender, recipients = _address(argument), []
                self._say("250 OK")
            elif verb == "RCPT":
                recipients.append(_address(argument))
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                message = BytesParser(policy=policy.default).parsebytes(self._data())
                self.server.mailbox.add(
                    Received(
                        message_id=str(message.get("Message-ID", "")).strip(),
                        subject=str(message.get("Subject", "")),
                        sender=sender,
                        recipients=tuple(sorted(recipients)),
                        at=time.time(),
                    )
                )
                sender, recipients = "", []
                self._say("250 OK: angenommen")
            elif verb == "RSET":
                sender, recipients = "", []
                self._say("250 OK")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Command not implemented")


class SinkServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Session)
        self.mailbox = Mailbox()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> SinkServer:
        threading.Thread(target=self.serve_forever, name="smtp-sink", daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
