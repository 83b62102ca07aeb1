"""The request plumbing every vendor client shares, against a loopback server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta
import ipaddress
import json
from pathlib import Path
import ssl
from typing import Any

import aiohttp
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from multidict import CIMultiDict, CIMultiDictProxy
import pytest
from yarl import URL

from custom_components.video_pipeline.clients import errors as shared
from custom_components.video_pipeline.clients.transport import Reply, VendorClient, header_number


class DemoError(shared.ClientError):
    """A vendor's base, for these tests."""


class DemoConnectionError(DemoError, shared.ClientConnectionError):
    """Unreachable."""


class DemoResponseError(DemoError, shared.ClientResponseError):
    """An unexpected answer."""


class DemoAuthenticationError(DemoResponseError, shared.ClientAuthenticationError):
    """401."""


class DemoNotFoundError(DemoResponseError, shared.ClientNotFoundError):
    """404."""


class DemoClient(VendorClient):
    """A client with a status table and nothing of its own."""

    errors = shared.ErrorFamily(
        DemoConnectionError,
        DemoResponseError,
        {401: DemoAuthenticationError, 404: DemoNotFoundError},
    )


class ExplainingClient(DemoClient):
    """A vendor whose failed answers carry an ``error`` text."""

    def _status_message(self, where: str, status: int, body: Any) -> str:
        text = body.get("error") if isinstance(body, dict) else None
        return f"{where}: HTTP {status}: {text or 'no details'}"


async def echo(request: web.Request) -> web.Response:
    """Say back what arrived."""
    return web.json_response(
        {
            "method": request.method,
            "query": dict(request.query),
            "auth": request.headers.get("Authorization"),
            "body": (await request.read()).decode(),
        },
        headers={"X-Seen": "yes"},
    )


async def status(request: web.Request) -> web.Response:
    code = int(request.match_info["code"])
    return web.json_response({"error": f"status {code}"}, status=code)


async def text(request: web.Request) -> web.Response:
    return web.Response(text="<html>", content_type="text/html", status=int(request.query["s"]))


async def empty(request: web.Request) -> web.Response:
    return web.Response(status=204)


async def slow(request: web.Request) -> web.Response:
    await asyncio.sleep(1)
    return web.json_response({})


@pytest.fixture
async def base(socket_enabled: None) -> AsyncGenerator[URL]:
    app = web.Application()
    app.router.add_route("*", "/echo", echo)
    app.router.add_get("/status/{code}", status)
    app.router.add_get("/text", text)
    app.router.add_get("/empty", empty)
    app.router.add_get("/slow", slow)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield URL(f"http://127.0.0.1:{runner.addresses[0][1]}")
    await runner.cleanup()


def demo(session: aiohttp.ClientSession, timeout: float = 5.0) -> DemoClient:
    return DemoClient(
        session, URL("https://api.example/v1/"), {"Authorization": "Token t"}, timeout=timeout
    )


def test_base_url_is_the_root_the_client_was_given(http_session: aiohttp.ClientSession) -> None:
    assert demo(http_session).base_url == "https://api.example/v1/"


async def test_send_reads_the_whole_answer_with_headers_query_and_body(
    base: URL, http_session: aiohttp.ClientSession
) -> None:
    client = demo(http_session)
    reply = await client._send(
        "POST", base / "echo", where="POST /echo", params={"q": "1"}, json={"a": 1}
    )
    assert reply.status == 200
    assert reply.ok
    assert reply.headers["X-Seen"] == "yes"
    assert reply.content_type == "application/json"
    seen = json.loads(reply.content)
    assert seen == {"method": "POST", "query": {"q": "1"}, "auth": "Token t", "body": '{"a": 1}'}
    form = await client._send("PUT", base / "echo", where="PUT /echo", data={"f": "v"})
    assert json.loads(form.content)["body"] == "f=v"


async def test_send_returns_failed_answers_without_raising(
    base: URL, http_session: aiohttp.ClientSession
) -> None:
    reply = await demo(http_session)._send("GET", base / "status/500", where="GET /status/500")
    assert reply.status == 500
    assert not reply.ok


async def test_no_answer_in_time_is_the_vendors_connection_error(
    base: URL, http_session: aiohttp.ClientSession
) -> None:
    client = demo(http_session, timeout=0.05)
    with pytest.raises(DemoConnectionError, match=r"^GET /slow: no answer within 0.05 s$"):
        await client._send("GET", base / "slow", where="GET /slow")


async def test_an_unreachable_server_is_the_vendors_connection_error(
    socket_enabled: None, http_session: aiohttp.ClientSession
) -> None:
    runner = web.AppRunner(web.Application())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    await runner.cleanup()  # nothing listens on the port any more
    with pytest.raises(DemoConnectionError, match=r"^GET /gone: ") as err:
        await demo(http_session)._send(
            "GET", URL(f"http://127.0.0.1:{port}/gone"), where="GET /gone"
        )
    assert isinstance(err.value.__cause__, aiohttp.ClientError)


def self_signed_context(directory: Path) -> ssl.SSLContext:
    """A server TLS context with a certificate for 127.0.0.1 that nobody signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "unit.local")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


async def test_certificates_are_checked_unless_the_client_says_not_to(
    socket_enabled: None, http_session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    app = web.Application()
    app.router.add_get("/echo", echo)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0, ssl_context=self_signed_context(tmp_path)).start()
    url = URL(f"https://127.0.0.1:{runner.addresses[0][1]}/echo")
    loop = asyncio.get_running_loop()
    handler = loop.get_exception_handler()
    refused: list[dict[str, Any]] = []
    # The server sees the handshake the client refused as a reset connection; that is expected.
    loop.set_exception_handler(lambda _, context: refused.append(context))
    try:
        with pytest.raises(DemoConnectionError, match="certificate"):
            await demo(http_session)._send("GET", url, where="GET /echo")
        for _ in range(100):  # the server's side of the refusal arrives a moment later
            if refused:
                break
            await asyncio.sleep(0.01)
        loop.set_exception_handler(handler)
        assert all(isinstance(c.get("exception"), ConnectionError) for c in refused)
        trusting = DemoClient(http_session, url, {}, timeout=5.0, ssl=False)
        assert (await trusting._send("GET", url, where="GET /echo")).status == 200
    finally:
        loop.set_exception_handler(handler)
        await runner.cleanup()


def _no_headers() -> CIMultiDictProxy[str]:
    return CIMultiDictProxy(CIMultiDict())


def make_reply(status: int, content: bytes) -> Reply:
    return Reply(status, _no_headers(), content, "application/json")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (make_reply(200, b""), None),
        (make_reply(200, b'{"a": [1]}'), {"a": [1]}),
        (make_reply(200, b"[]"), []),
        (make_reply(500, b"<html>"), None),
        (make_reply(404, b'{"error": "gone"}'), {"error": "gone"}),
    ],
    ids=["empty", "object", "array", "failure-not-json", "failure-json"],
)
def test_read_json(http_session: aiohttp.ClientSession, answer: Reply, expected: Any) -> None:
    assert demo(http_session)._read_json("GET /x", answer) == expected


def test_a_success_that_is_not_json_is_the_vendors_response_error(
    http_session: aiohttp.ClientSession,
) -> None:
    with pytest.raises(DemoResponseError, match=r"^GET /x: body is not JSON$") as err:
        demo(http_session)._read_json("GET /x", make_reply(200, b"<html>"))
    assert err.value.status == 200


@pytest.mark.parametrize(
    ("status", "kind"),
    [(401, DemoAuthenticationError), (404, DemoNotFoundError), (403, DemoResponseError),
     (300, DemoResponseError), (500, DemoResponseError)],
)  # fmt: skip
def test_failed_statuses_raise_from_the_table(
    http_session: aiohttp.ClientSession, status: int, kind: type[DemoResponseError]
) -> None:
    with pytest.raises(DemoResponseError, match=rf"^GET /x: HTTP {status}$") as err:
        demo(http_session)._raise_for_status("GET /x", make_reply(status, b""), None)
    assert type(err.value) is kind
    assert err.value.status == status


@pytest.mark.parametrize("status", [200, 201, 204, 299])
def test_successes_raise_nothing(http_session: aiohttp.ClientSession, status: int) -> None:
    demo(http_session)._raise_for_status("GET /x", make_reply(status, b""), None)


async def test_checked_json_returns_the_body_or_raises_with_the_vendors_text(
    base: URL, http_session: aiohttp.ClientSession
) -> None:
    client = ExplainingClient(http_session, base, {}, timeout=5.0)
    ok = await client._send("GET", base / "echo", where="GET /echo")
    assert client._checked_json("GET /echo", ok)["method"] == "GET"
    empty_reply = await client._send("GET", base / "empty", where="GET /empty")
    assert client._checked_json("GET /empty", empty_reply) is None
    gone = await client._send("GET", base / "status/404", where="GET /status/404")
    with pytest.raises(DemoNotFoundError, match=r"^GET /status/404: HTTP 404: status 404$"):
        client._checked_json("GET /status/404", gone)
    html = await client._send("GET", base / "text", where="GET /text", params={"s": "502"})
    with pytest.raises(DemoResponseError, match=r"^GET /text: HTTP 502: no details$"):
        client._checked_json("GET /text", html)
    page = await client._send("GET", base / "text", where="GET /text", params={"s": "200"})
    with pytest.raises(DemoResponseError, match="body is not JSON"):
        client._checked_json("GET /text", page)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("2", 2.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-1", None),
        ("soon", None),
        ("", None),
        ("inf", None),
        ("nan", None),
        ("Wed, 21 Oct 2026 07:28:00 GMT", None),
    ],
)
def test_header_number(value: str | None, expected: float | None) -> None:
    assert header_number(value) == expected
