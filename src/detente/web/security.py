"""The server's guards: an access token when it listens beyond this machine, and CSRF for state changes.

Hand-written because they are a few lines and the libraries do not fit: plain HTML forms (no JavaScript)
must carry the CSRF token as a form field, which starlette-csrf does not read.
"""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import PlainTextResponse, RedirectResponse

CSRF_COOKIE = "detente_csrf"
TOKEN_COOKIE = "detente_token"
SAFE = ("GET", "HEAD", "OPTIONS")
LOCAL = ("127.0.0.1", "localhost", "::1")


def needs_token(host: str) -> bool:
    return host not in LOCAL


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


class Guard(BaseHTTPMiddleware):
    """Every request carries the token (when one is set): `Authorization: Bearer T`, the cookie set after
    opening `/?token=T` once, or `X-Detente-Token`. Every response sets a CSRF cookie when there is none."""

    def __init__(self, app, token: str | None, max_body: int):
        super().__init__(app)
        self.token, self.max_body = token, max_body

    async def dispatch(self, request: Request, call_next):
        csrf_token(request)
        if self.token:
            auth = request.headers.get("authorization", "")
            given = (auth[7:] if auth.lower().startswith("bearer ") else None) or \
                request.headers.get("x-detente-token") or request.cookies.get(TOKEN_COOKIE)
            query = request.query_params.get("token")
            if query is not None and same(query, self.token) and request.method in SAFE:
                # the token once in a link: keep it in a cookie and drop it from the address bar
                url = request.url.remove_query_params("token")
                resp = RedirectResponse(str(url.path) + (f"?{url.query}" if url.query else ""), status_code=303)
                resp.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                return resp
            if not same(given, self.token):
                return PlainTextResponse("401: this server needs its token (open /?token=... once, or send "
                                         "Authorization: Bearer ...)", status_code=401)
        if request.method not in SAFE:
            # the body's size is known before anything reads it (the CSRF check parses forms)
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                return PlainTextResponse("411: send the upload with its Content-Length", status_code=411)
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return PlainTextResponse(f"413: upload too large (limit {self.max_body // (1024 * 1024)} MB)",
                                         status_code=413)
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
                return PlainTextResponse("403: cross-origin request refused", status_code=403)
        response = await call_next(request)
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict")
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response


def csrf_token(request: Request) -> str:
    """The token forms must send back: the cookie's, or a new one (set on the response by `Guard`)."""
    if not hasattr(request.state, "csrf"):
        request.state.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    return request.state.csrf


async def check_csrf(request: Request) -> None:
    """A dependency of every route: a state change sent as a form must carry the CSRF cookie's value in its
    `csrf` field (or the X-CSRF-Token header). A JSON body cannot come from another site's form (it needs a
    CORS preflight, which this server never grants), so the JSON API takes it without the cookie."""
    csrf_token(request)
    if request.method in SAFE:
        return
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        sent = form.get("csrf")
    if not same(str(sent) if sent else None, request.cookies.get(CSRF_COOKIE)):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
