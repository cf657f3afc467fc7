"""The aiohttp transport under python-telegram-bot: real HTTP to the Bot API emulator, and to
a bare server for what the emulator does not do (files, a server that never answers)."""

from __future__ import annotations

import asyncio
import base64
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.transport import AiohttpRequest
from emulator import BotApiEmulator

TOKEN = "123456:TRANSPORT"
MESSAGE = {"message_id": 1, "date": 0, "chat": {"id": 7, "type": "private"}}


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(token=TOKEN, bot_username="ppalli_bot") as running:
        yield running


def bot_at(base_url: str, **timeouts: float) -> Bot:
    return Bot(TOKEN, base_url=base_url, request=AiohttpRequest(**timeouts),
               get_updates_request=AiohttpRequest(1, **timeouts))


@asynccontextmanager
async def uninitialized_bot(base_url: str, **timeouts: float) -> AsyncIterator[Bot]:
    """A bot whose transport is open but which never asked getMe (a bare server)."""
    request = AiohttpRequest(**timeouts)
    await request.initialize()
    try:
        yield Bot(TOKEN, base_url=base_url, request=request)
    finally:
        await request.shutdown()


@asynccontextmanager
async def bare_server_bot(method: str, handler, **timeouts: float) -> AsyncIterator[Bot]:
    """A bot talking to a server that answers one method with `handler`."""
    app = web.Application()
    app.router.add_post(f"/bot{TOKEN}/{method}", handler)
    async with TestServer(app, host="127.0.0.1") as server, \
            uninitialized_bot(str(server.make_url("/bot")), **timeouts) as bot:
        yield bot


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_calls_and_their_errors_go_through_as_with_the_default_backend(emu):
    alice = emu.user(1001, "Alice", started=True)
    async with bot_at(emu.base_url) as bot:
        assert bot.username == "ppalli_bot"
        keys = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
        sent = await bot.send_message(alice.id, "<b>Hi</b> é 한", parse_mode="HTML",
                                      reply_markup=keys)
        got = await alice.wait_for("Hi é 한")
        assert got.message_id == sent.message_id and got.buttons == ["Go"]
        assert got.entities == [{"type": "bold", "offset": 0, "length": 2}]

        emu.fail_next("sendMessage", 429, retry_after=3)
        with pytest.raises(RetryAfter):
            await bot.send_message(alice.id, "again")
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(424242, "nobody")

        await alice.send("hello")
        updates = await bot.get_updates(timeout=1)  # long polling outlasts the read timeout
        assert [u.message.text for u in updates if u.message] == ["hello"]


async def test_files_go_as_multipart_form_data():
    seen: dict[str, object] = {}

    async def send_document(request: web.Request) -> web.Response:
        seen["type"] = request.content_type
        form = await request.post()
        seen["chat_id"] = form["chat_id"]
        upload = form["document"]
        seen["file"] = (upload.filename, upload.file.read())
        return web.json_response({"ok": True, "result": MESSAGE})

    async with bare_server_bot("sendDocument", send_document) as bot:
        await bot.send_document(7, b"parcel list", filename="list.txt")
    assert seen == {"type": "multipart/form-data", "chat_id": "7",
                    "file": ("list.txt", b"parcel list")}


async def test_an_answer_that_never_comes_times_out():
    async def stall(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.json_response({"ok": True, "result": MESSAGE})

    async with bare_server_bot("sendMessage", stall, read_timeout=0.2) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(7, "hello")


async def test_nobody_listening_is_a_network_error():
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with uninitialized_bot(f"http://127.0.0.1:{port}/bot") as bot:
        with pytest.raises(NetworkError) as raised:
            await bot.send_message(7, "hello")
    assert not isinstance(raised.value, TimedOut)
    assert "aiohttp.ClientConnectorError" in str(raised.value)


def only_these_proxy_variables(monkeypatch, **variables: str) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)  # the lower-case ones win
    for name, value in variables.items():
        monkeypatch.setenv(name, value)


async def test_a_proxy_named_in_the_environment_carries_the_calls(monkeypatch):
    asked: list[tuple[str, str | None]] = []

    async def proxy(request: web.Request) -> web.Response:
        # a proxy is asked for the whole address, with the credentials from HTTP_PROXY
        asked.append((str(request.url), request.headers.get("Proxy-Authorization")))
        return web.json_response({"ok": True, "result": MESSAGE})

    app = web.Application()
    app.router.add_route("*", "/{anything:.*}", proxy)
    async with TestServer(app, host="127.0.0.1") as server:
        where = f"{server.host}:{server.port}"
        only_these_proxy_variables(monkeypatch, HTTP_PROXY=f"http://rider%40shop:s3%3Acret@{where}",
                                   NO_PROXY="direct.invalid")
        async with uninitialized_bot("http://api.telegram.invalid/bot") as bot:
            await bot.send_message(7, "through the proxy")
            monkeypatch.delenv("HTTP_PROXY")  # read on the first call only: still proxied
            await bot.send_message(7, "and again")
        monkeypatch.setenv("HTTP_PROXY", f"http://{where}")
        async with uninitialized_bot("http://direct.invalid/bot") as bot:
            with pytest.raises(NetworkError):  # NO_PROXY: straight to a host that is not there
                await bot.send_message(7, "not through the proxy")
    credentials = "Basic " + base64.b64encode(b"rider@shop:s3:cret").decode()
    assert asked == [(f"http://api.telegram.invalid/bot{TOKEN}/sendMessage", credentials)] * 2


async def test_an_https_address_goes_through_a_tunnel_that_alone_carries_the_credentials(
    monkeypatch,
):
    opened: list[list[str]] = []

    async def tunnel_refused(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        opened.append(head.decode().split("\r\n")[:-2])
        writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(tunnel_refused, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        only_these_proxy_variables(monkeypatch, HTTPS_PROXY=f"http://rider:pw@127.0.0.1:{port}")
        async with uninitialized_bot("https://api.telegram.invalid/bot") as bot:
            with pytest.raises(NetworkError):  # the tunnel is refused: nothing else is sent
                await bot.send_message(7, "through a tunnel")
    finally:
        server.close()
        await server.wait_closed()
    [request] = opened
    assert request[0] == "CONNECT api.telegram.invalid:443 HTTP/1.1"
    assert f"Proxy-Authorization: Basic {base64.b64encode(b'rider:pw').decode()}" in request
