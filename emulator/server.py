"""The HTTP side: routing /bot<token>/<method>, parameters and the JSON envelope."""

import asyncio
import json
import logging
import socket
import time
from dataclasses import replace
from typing import Any

from aiohttp import web

from emulator.errors import ApiError
from emulator.faults import FaultPlan, RandomFaults, default_error
from emulator.flood import COUNTED_METHODS, FloodControl, FloodLimits
from emulator.holds import Holds
from emulator.methods import HANDLERS, canonical_name
from emulator.models import PENDING, ApiCall
from emulator.params import Params, read_params
from emulator.signals import Signal
from emulator.state import State

log = logging.getLogger(__name__)


def _reply(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(
        body, status=status, dumps=lambda data: json.dumps(data, ensure_ascii=False)
    )


def _error(error: ApiError) -> web.Response:
    return _reply(error.payload(), error.code)


class ApiServer:
    """Serves the Bot API for one token on 127.0.0.1."""

    def __init__(
        self, token: str, state: State, *, flood_limits: FloodLimits | None = None
    ) -> None:
        self._token = token
        self._state = state
        self._runner: web.AppRunner | None = None
        self.calls: list[ApiCall] = []
        self.faults = FaultPlan()
        self.random_faults = RandomFaults()
        self.flood = FloodControl(flood_limits)
        self.offline = False
        self.holds = Holds()
        self.calls_changed = Signal()  # a call arrived or was answered (see calls)
        self.offline_code = 502

    async def start(self, host: str) -> int:
        """Listen on a free port and return it."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        # handler_cancellation ends a long poll whose client went away.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((host, 0))
        await web.SockSite(self._runner, sock).start()
        return sock.getsockname()[1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _not_found(self, request: web.Request) -> web.Response:
        return _error(ApiError(404, "Not Found"))

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self._token:
            return _error(ApiError(401, "Unauthorized"))
        name = request.match_info["method"]
        method = canonical_name(name)
        try:
            params = await read_params(request)
        except ApiError as error:
            return _error(error)
        call = ApiCall(method or name, params, time.monotonic(), PENDING)
        self.calls.append(call)
        self.calls_changed.notify()
        try:
            result = await self._call(call, method, params)
        except ApiError as error:
            log.debug("%s failed: %s", method or name, error.description)
            self._settle(call, error.code)
            return _error(error)
        except Exception:
            log.exception("emulated %s crashed", method)
            self._settle(call, 500)
            return _error(ApiError(500, "Internal Server Error"))
        hold = self.holds.take(call.method, params, result) if method is not None else None
        if hold is not None:  # done; the answer waits (a test kills the client meanwhile)
            hold.reached.set()
            await hold.released.wait()
        self._settle(call, 200, result)
        return _reply({"ok": True, "result": result})

    async def _call(self, call: ApiCall, method: str | None, params: dict[str, Any]) -> Any:
        if self.offline:
            raise default_error(self.offline_code)
        if method is None:
            raise ApiError(404, "Not Found")
        fault = self.faults.take(method, params)
        if fault is not None:
            raise fault
        random_fault = self.random_faults.draw(method)
        if random_fault is not None:
            if random_fault.hang_s > 0:
                # The answer is decided now: a client that gives up first sees no outcome.
                self._settle(call, random_fault.error.code)
                await asyncio.sleep(random_fault.hang_s)
            raise random_fault.error
        # No await between the call's arrival time and here: windows see calls in order.
        slot = self.flood.take(method, self._flood_chat(method, params), call.at)
        try:
            result = await HANDLERS[method](self._state, Params(params))
        except BaseException:
            if slot is not None:
                self.flood.give_back(slot)
            raise
        lost = self.faults.take(method, params, after_work=True)
        if lost is not None:  # done, but the answer is lost on the way back
            raise lost
        return result

    def _flood_chat(self, method: str, params: dict[str, Any]) -> int | None:
        """The chat a counted call writes to, if it names one the server knows."""
        if method not in COUNTED_METHODS:
            return None
        try:
            chat_id = Params(params).chat_id()
            if isinstance(chat_id, str):
                chat_id = self._state.find_chat(chat_id).id
        except ApiError:
            return None  # the method itself will refuse the call
        return chat_id

    def _settle(self, call: ApiCall, outcome: int, result: Any = None) -> None:
        """Record the status a call was answered with (ApiCall is frozen: swap it)."""
        count = len(result) if isinstance(result, list) else None
        for index in range(len(self.calls) - 1, -1, -1):
            if self.calls[index] is call:
                self.calls[index] = replace(call, outcome=outcome, result_count=count)
                break
        self.calls_changed.notify()
