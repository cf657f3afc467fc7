"""A raw HTTP client for the emulator, bypassing python-telegram-bot."""

from typing import Any

import aiohttp

from emulator import BotApiEmulator

TOKEN = "123456:TEST-TOKEN"


class RawApi:
    """Calls the emulator over HTTP without python-telegram-bot in between."""

    def __init__(self, session: aiohttp.ClientSession, emu: BotApiEmulator) -> None:
        self._session = session
        self._emu = emu

    def url(self, method: str, token: str = TOKEN) -> str:
        return f"http://127.0.0.1:{self._emu.port}/bot{token}/{method}"

    async def call(
        self,
        method: str,
        *,
        token: str = TOKEN,
        form: dict[str, str] | aiohttp.FormData | None = None,
        query: dict[str, str] | None = None,
        http_method: str = "POST",
        **params: Any,
    ) -> tuple[int, dict[str, Any]]:
        """Send ``params`` as JSON, or ``form`` as a form; return the status and the body."""
        body: dict[str, Any] = {}
        if form is not None:
            body["data"] = form
        elif params:
            body["json"] = params
        url = self.url(method, token)
        async with self._session.request(http_method, url, params=query, **body) as response:
            return response.status, await response.json()

    async def result(self, method: str, **params: Any) -> Any:
        """The result of a call that must succeed."""
        status, body = await self.call(method, **params)
        assert (status, body["ok"]) == (200, True), body
        return body["result"]
