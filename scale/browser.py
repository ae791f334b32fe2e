"""A small browser for the scale test: urllib with one cookie jar shared by both servers (one host
name, as behind a load balancer), the CSRF token taken from the page's form, HTTPS as the proxy
would say it (X-Forwarded-Proto), multipart uploads."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field


class _AnyScheme(http.cookiejar.DefaultCookiePolicy):
    """The session cookie is ``Secure`` (production settings); the test speaks plain HTTP to
    gunicorn behind a pretend proxy, so secure cookies are sent anyway."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Page:
    status: int
    url: str
    body: bytes
    location: str = ""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def csrf(self) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        if not match:
            raise AssertionError(f"Kein CSRF-Token auf {self.url} (Status {self.status})")
        return match.group(1)


@dataclass
class Browser:
    jar: http.cookiejar.CookieJar = field(default_factory=lambda: http.cookiejar.CookieJar(_AnyScheme()))

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, url: str, data: bytes | None = None, content_type: str = "", referer: str = "") -> Page:
        parts = urllib.parse.urlsplit(url)
        origin = f"https://{parts.netloc}"
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "de"}
        if data is not None:
            headers |= {"Origin": origin, "Referer": referer or url.replace("http://", "https://", 1)}
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - local servers
        try:
            with self.opener.open(request, timeout=60) as response:
                return Page(response.status, url, response.read())
        except urllib.error.HTTPError as error:
            return Page(error.code, url, error.read(), error.headers.get("Location", ""))

    def get(self, url: str) -> Page:
        return self.request(url)

    def post(self, url: str, fields: list[tuple[str, str]], referer: str = "") -> Page:
        return self.request(url, urllib.parse.urlencode(fields).encode(), referer=referer)

    def post_multipart(
        self, url: str, fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]], referer: str = ""
    ) -> Page:
        boundary = uuid.uuid4().hex
        chunks: list[bytes] = []
        for name, value in fields:
            chunks.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, filename, content in files:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            )
            chunks += [head.encode(), content, b"\r\n"]
        chunks.append(f"--{boundary}--\r\n".encode())
        return self.request(url, b"".join(chunks), f"multipart/form-data; boundary={boundary}", referer)

    def login(self, base: str, username: str, password: str) -> Page:
        form = self.get(f"{base}/konto/anmelden/")
        return self.post(
            f"{base}/konto/anmelden/",
            [("csrfmiddlewaretoken", form.csrf()), ("username", username), ("password", password)],
        )
