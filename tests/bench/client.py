"""A small HTTP client for the bench: keep-alive where the server allows it, cookies, the login
form with its CSRF token, and a parser that reads an HTML form back as the fields a browser would
post. Only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import re
import socket
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

LOCALHOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


class BenchHTTPError(Exception):
    """A connection error or time-out: counted as an error by the bench."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float
    url: str
    # Set when the body was streamed to a file instead of kept (exports).
    saved_to: str | None = None
    size: int = 0

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def is_attachment(self) -> bool:
        # A file: an attachment, or a PDF shown inline under its file name.
        disposition = self.header("content-disposition")
        return "attachment" in disposition or "filename=" in disposition

    @property
    def location(self) -> str:
        return self.header("location")


@dataclass
class Session:
    """One browser: its own connection and cookie jar."""

    port: int
    timeout: float = 60.0
    cookies: dict[str, str] = field(default_factory=dict)
    _conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(LOCALHOST, self.port, timeout=self.timeout)
        return self._conn

    def request(
        self,
        method: str,
        url: str,
        *,
        data: list[tuple[str, str]] | dict | None = None,
        save_to: str | None = None,
    ) -> Response:
        """One request, no redirect followed. The time includes reading the whole body."""
        path = _local_path(url)
        headers = {"Host": f"{LOCALHOST}:{self.port}", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{LOCALHOST}:{self.port}{path}"
        for attempt in (1, 2):
            conn = self._connection()
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                raw = conn.getresponse()
                size = 0
                if save_to:
                    with open(save_to, "wb") as out:
                        while chunk := raw.read(1 << 16):
                            out.write(chunk)
                            size += len(chunk)
                    content = b""
                else:
                    content = raw.read()
                    size = len(content)
                seconds = time.perf_counter() - started
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                # A kept-alive connection the server closed meanwhile: retry once on a new one.
                self.close()
                if attempt == 2:
                    raise BenchHTTPError(f"{method} {path}: {e!r}") from e
                continue
            except (OSError, http.client.HTTPException) as e:
                self.close()
                raise BenchHTTPError(f"{method} {path}: {e!r}") from e
            break
        if raw.will_close:
            self.close()
        self._store_cookies(raw.headers.get_all("Set-Cookie") or [])
        headers_out = {k.lower(): v for k, v in raw.getheaders()}
        return Response(raw.status, headers_out, content, seconds, path, save_to, size)

    def get(self, url: str, *, follow: bool = False, save_to: str | None = None) -> Response:
        response = self.request("GET", url, save_to=save_to)
        hops = 0
        while follow and response.status in (301, 302, 303, 307, 308) and hops < 5:
            hops += 1
            response = self.request("GET", urljoin(response.url, response.location))
        return response

    def post(self, url: str, data) -> Response:
        return self.request("POST", url, data=data)

    def _store_cookies(self, values: list[str]) -> None:
        for value in values:
            jar = SimpleCookie()
            jar.load(value)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def login(self, username: str, password: str) -> Response:
        """The login form as a person fills it: GET for the CSRF token, POST, expect a redirect."""
        self.cookies.clear()
        self.close()
        form = self.get("/accounts/login/")
        match = CSRF_INPUT.search(form.text)
        if form.status != 200 or not match:
            raise BenchHTTPError(f"login form answered {form.status} without a CSRF token")
        response = self.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password},
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise BenchHTTPError(f"login as {username} failed: {response.status}")
        return response


def _local_path(url: str) -> str:
    parts = urlsplit(url)
    if parts.netloc and parts.hostname not in (LOCALHOST, "localhost"):
        raise ValueError(f"the bench only talks to {LOCALHOST}, not {parts.netloc}")
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]


# --- Reading a form back -------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)  # a select's option values

    def first_option(self, name: str) -> str:
        """The first non-empty choice of a select (e.g. a kind to pick)."""
        return next((v for v in self.options.get(name, []) if v), "")

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def value(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def replaced(self, **values: str) -> list[tuple[str, str]]:
        """The fields with some values replaced (or added when absent)."""
        out = []
        seen = set()
        for key, value in self.fields:
            if key in values:
                if key in seen:
                    continue
                seen.add(key)
                value = values[key]
            out.append((key, value))
        out.extend((k, v) for k, v in values.items() if k not in seen)
        return out


class _FormParser(HTMLParser):
    """What a browser would submit: named, enabled controls; checked boxes only; the selected
    option (or the first one); textarea text. Submit buttons are left out."""

    SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a and tag != "option":
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in self.SKIPPED_INPUTS:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.fields.append((name, a.get("value", "on")))
                return
            self._form.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "chosen": [], "first": None}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            s = self._select
            values = s["chosen"] or ([s["first"]] if s["first"] is not None else [])
            if not s["multiple"]:
                values = values[:1]
            self._form.fields.extend((s["name"], v) for v in values)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            self._form.fields.append((self._textarea["name"], text))
            self._textarea = None
        elif tag == "form":
            self._form = None

    def _close_option(self):
        if self._option is None or self._select is None:
            return
        value = self._option["value"]
        if value is None:
            value = self._option["text"].strip()
        if self._select["first"] is None:
            self._select["first"] = value
        self._form.options.setdefault(self._select["name"], []).append(value)
        if self._option["selected"]:
            self._select["chosen"].append(value)
        self._option = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def main_form(html: str, must_have: str) -> Form | None:
    """The POST form of the page that carries the field `must_have` (e.g. "name")."""
    for form in parse_forms(html):
        if form.method == "post" and any(
            key == must_have or key.endswith(f"-{must_have}") for key in form.names()
        ):
            return form
    return None
