"""The web application (Starlette): ``GET /`` the form, ``POST /check`` the answer. Served by uvicorn from
``ogi-check serve``; no hand-written HTTP, multipart parsed by python-multipart through Starlette.

Safe to leave running: the request body is bounded (``Content-Length`` and the bytes actually received), so are
the number of files and of form fields; the check runs in a worker thread, one at a time, in a folder of its
own; an upload that cannot be read is one line in the page and the server goes on. Nothing is logged from
here: uvicorn's access log has the method and path only, never a file's name or text.
"""

from __future__ import annotations

from typing import Optional

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route

from msgspec import Struct

from checker.errors import CheckerError
from checker.web import desk as desk_module
from checker.web.desk import Options, Upload
from checker.web.page import error_page, result_page, start_page

class Limits(Struct, frozen=True):
    """What one request may send."""

    max_files: int = 50
    max_mb: int = 100  # the whole request

    @property
    def max_bytes(self) -> int:
        return self.max_mb * 1024 * 1024


class _TooLarge(Exception):
    """The body went past the limit while it was being received (a client whose Content-Length lied)."""


class BodyLimit:
    """ASGI middleware: refuse a request whose body is, or turns out to be, larger than ``limit`` bytes."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        received = 0

        async def bounded():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge()
            return message

        return await self.app(scope, bounded, send)


def create_app(limits: Limits = Limits(), config_file: Optional[str] = None) -> Starlette:
    """The application; ``config_file`` is the configuration every upload is checked with (``serve --config``)."""

    def html(text: str, status: int = 200) -> HTMLResponse:
        # The page is whole and inline: nothing may be fetched from elsewhere, and it must not be framed.
        return HTMLResponse(text, status_code=status, headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                                       "img-src data:; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})

    def refused(message: str, status: int) -> HTMLResponse:
        return html(error_page(message, limits.max_files, limits.max_mb), status)

    async def home(request: Request) -> HTMLResponse:
        return html(start_page(limits.max_files, limits.max_mb))

    async def check(request: Request) -> HTMLResponse:
        too_big = f"上传的文件合计超过 {limits.max_mb} MB，请分批检查。"
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limits.max_bytes):
            return refused(too_big, 413)
        try:
            form = await request.form(max_files=limits.max_files + 1, max_fields=20, max_part_size=64 * 1024)
        except _TooLarge:
            return refused(too_big, 413)
        except HTTPException as exc:  # the multipart parser's refusal (too many files, a malformed body)
            if "Too many files" in str(exc.detail):
                return refused(f"一次最多检查 {limits.max_files} 份报告，请分批上传。", 413)
            return refused("上传的内容无法识别，请重新选择文件后再试。", 400)
        try:
            uploads = [Upload(f.filename or "", await f.read()) for f in form.getlist("files")
                       if isinstance(f, UploadFile) and (f.filename or f.size)]
            if len(uploads) > limits.max_files:
                return refused(f"一次最多检查 {limits.max_files} 份报告，请分批上传。", 413)
            if not uploads:
                return refused("请先选择要检查的报告文件。", 400)
            prev = form.get("previous")
            previous = Upload(prev.filename or "", await prev.read()) \
                if isinstance(prev, UploadFile) and prev.filename else None
            options = _options(form.get("year"), form.get("agency_kind"))
        finally:
            await form.close()
        if isinstance(options, str):
            return refused(options, 400)
        try:
            desk = await run_in_threadpool(desk_module.check_uploads, uploads, options, previous, config_file)
        except CheckerError as exc:
            return refused(str(exc), 400)
        except Exception as exc:  # a bug, not the user's file: say so, and neither log nor show what it holds
            return refused(f"检查时出现内部错误（{type(exc).__name__}），请把这份文件交给维护人员。", 500)
        return html(result_page(desk, limits.max_files, limits.max_mb))

    async def health(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/", home), Route("/check", check, methods=["POST"]), Route("/health", health)])
    app.add_middleware(BodyLimit, limit=limits.max_bytes)
    return app


def _options(year, agency_kind) -> "Options | str":
    """The form's optional fields, or what is wrong with them (in Chinese)."""
    year = (year or "").strip() if isinstance(year, str) else ""
    kind = (agency_kind or "").strip() if isinstance(agency_kind, str) else ""
    if year and not (year.isdigit() and 2000 <= int(year) <= 2100):
        return f"报告年度“{year[:10]}”不对，请填写四位数的年份，如2024。"
    if kind not in ("", "government", "department"):
        return "机关类型只能选择“人民政府”或“政府部门”。"
    return Options(year=int(year) if year else None, agency_kind=kind or None)
