"""The processes of the scale test: the S3 endpoint (moto), two gunicorn instances and two queue
workers, each a subprocess of the driver with its own log file. Everything started here is stopped
here, by its process id (``Stack.stop``, also at exit and on SIGTERM/SIGINT)."""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = os.environ.get("SCALE_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "ikz_scale"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg(
    statements: list[str], database: str = "postgres", params: tuple[object, ...] = ()
) -> list[tuple[Any, ...]]:
    """Run statements (with ``params``, as psycopg's %s placeholders) in autocommit; all rows."""
    import psycopg

    rows: list[tuple[Any, ...]] = []
    with psycopg.connect(f"{PG}/{database}", autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            cursor = conn.execute(statement, params or None)
            if cursor.description:
                rows += cursor.fetchall()
    return rows


def run(args: list[str], env: dict[str, str], log: Path) -> str:
    """Run a command to its end (output into ``log``); its stdout; raises with the log on failure."""
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    with log.open("a") as out:
        out.write(f"$ {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    if result.returncode:
        raise RuntimeError(f"fehlgeschlagen ({result.returncode}): {' '.join(args)}\n{result.stderr[-2000:]}")
    return result.stdout


@dataclass
class Stack:
    logs: Path
    sink_port: int
    s3_port: int = field(default_factory=free_port)
    ports: dict[str, int] = field(default_factory=lambda: {"A": free_port(), "B": free_port()})
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    stale_seconds: int = 12
    db_name: str = DB_NAME

    def __post_init__(self) -> None:
        atexit.register(self.stop)
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, _frame: object) -> None:
        self.stop()
        raise SystemExit(128 + signum)

    # --- environment ---------------------------------------------------------------------------
    def env(self, name: str) -> dict[str, str]:
        """The production settings of one process (IKZ_DEBUG=0); ``name`` gives it its own media
        folder, as if each ran on its own machine: only the S3 bucket is shared."""
        media = self.logs / f"media-{name}"
        media.mkdir(exist_ok=True)
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("IKZ_", "DATABASE_URL"))}
        return {
            **keep,
            "DJANGO_SETTINGS_MODULE": "ikz.settings",
            "IKZ_DEBUG": "0",
            "IKZ_SECRET_KEY": "skalierungstest-nur-lokal-" + "x" * 40,
            "IKZ_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "IKZ_STATIC_ROOT": str(self.logs / "static"),
            "IKZ_MEDIA_ROOT": str(media),
            "DATABASE_URL": f"{PG}/{self.db_name}",
            "IKZ_LOG_LEVEL": "WARNING",
            "IKZ_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "IKZ_EMAIL_HOST": "127.0.0.1",
            "IKZ_EMAIL_PORT": str(self.sink_port),
            "IKZ_EMAIL_TIMEOUT": "10",
            "IKZ_BASE_URL": f"http://127.0.0.1:{self.ports['A']}",
            "IKZ_JOB_STALE_SECONDS": str(self.stale_seconds),
            "IKZ_S3_BUCKET": "ikz-scale",
            "IKZ_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.s3_port}",
            "IKZ_S3_ACCESS_KEY": "scale-test",
            "IKZ_S3_SECRET_KEY": "scale-test-secret",
            "IKZ_S3_REGION": "eu-central-1",
        }

    def manage(self, *args: str, name: str = "manage") -> str:
        return run([sys.executable, "manage.py", *args], self.env(name), self.logs / "manage.log")

    # --- processes -----------------------------------------------------------------------------
    def spawn(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        proc = subprocess.Popen(args, cwd=ROOT, env=self.env(name), stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        self.procs[name] = proc
        return proc

    def start_s3(self) -> None:
        self.spawn("s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.s3_port)])
        _wait_http(f"http://127.0.0.1:{self.s3_port}/", 30, self.procs["s3"])
        self.s3().create_bucket(
            Bucket="ikz-scale", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )

    def s3(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3_port}",
            aws_access_key_id="scale-test",
            aws_secret_access_key="scale-test-secret",
            region_name="eu-central-1",
        )

    def start_server(self, name: str, timeout: int = 60) -> None:
        args = [str(BIN / "gunicorn"), "ikz.wsgi:application", "--workers", "2", "--bind"]
        self.spawn(f"gunicorn-{name}", [*args, f"127.0.0.1:{self.ports[name]}", "--timeout", str(timeout)])

    def wait_servers(self, names: tuple[str, ...] = ("A", "B")) -> None:
        for name in names:
            port = self.ports[name]
            _wait_http(f"http://127.0.0.1:{port}/status/", 60, self.procs[f"gunicorn-{name}"])

    def start_worker(self, name: str) -> None:
        self.spawn(name, [sys.executable, "manage.py", "run_worker", "--name", name, "--interval", "0.5"])

    def kill(self, name: str) -> None:
        proc = self.procs.pop(name)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    def stop(self) -> None:
        running = [proc for proc in self.procs.values() if proc.poll() is None]
        self.procs.clear()
        for proc in running:
            proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for proc in running:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

    def alive(self) -> dict[str, bool]:
        return {name: proc.poll() is None for name, proc in self.procs.items()}


def _wait_http(url: str, seconds: float, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Prozess für {url} beendet (Exit {proc.returncode}); siehe Log")
        try:
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} antwortet nicht nach {seconds:g} s")
