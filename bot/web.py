"""The web server: liveness, readiness and metrics for operators, the webhook in webhook
mode, and the read API with its dashboard. One aiohttp app, on HTTP_HOST:HTTP_PORT."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiohttp import web
from alembic.script import ScriptDirectory
from sqlalchemy import text

from bot.metrics import CONTENT_TYPE
from bot.migrations import alembic_config
from bot.settings import HEALTH_PATH, METRICS_PATH, READY_PATH
from bot.webhook import MAX_BODY_BYTES

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

READY_CHECK_TIMEOUT_S = 2.0


def migrations() -> tuple[str, frozenset[str]]:
    """The newest migration this code ships, and every one it knows."""
    scripts = ScriptDirectory.from_config(alembic_config(""))
    head = scripts.get_current_head()
    assert head is not None
    return head, frozenset(script.revision for script in scripts.walk_revisions())


class Readiness:
    """Ready while not shutting down, the database answers and its schema is not behind this
    code. A schema ahead of it (a revision this code does not know) counts as ready: during a
    rolling update the new version migrates first while the old replicas still serve, which
    is why every migration must keep the previous version working."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.expected, self.known = migrations()
        self.shutting_down = False

    async def problem(self) -> str | None:
        if self.shutting_down:
            return "shutting down"
        try:
            async with asyncio.timeout(READY_CHECK_TIMEOUT_S):
                async with self.runtime.engine.connect() as conn:
                    found = (await conn.execute(
                        text("SELECT version_num FROM alembic_version"))).scalar()
        except Exception as error:
            return f"database unavailable: {type(error).__name__}"
        if found != self.expected and (found is None or found in self.known):
            return f"database schema at {found}, this code needs {self.expected}"
        return None


def build_web_app(runtime: Runtime, extra_routes: list[web.RouteDef] | None = None
                  ) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    readiness = runtime.readiness

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "alive"})

    async def readyz(request: web.Request) -> web.Response:
        problem = await readiness.problem()
        if problem is not None:
            return web.json_response({"status": "not ready", "reason": problem}, status=503)
        return web.json_response({"status": "ready"})

    async def metrics(request: web.Request) -> web.Response:
        try:
            body = await runtime.metrics.render(runtime.engine, runtime.clock.now())
        except Exception:
            log.exception("metrics could not be read")
            return web.Response(status=503, text="metrics unavailable: database error\n")
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    app.router.add_get(HEALTH_PATH, healthz)
    app.router.add_get(READY_PATH, readyz)
    app.router.add_get(METRICS_PATH, metrics)
    if runtime.receiver is not None:
        app.router.add_post(runtime.settings.webhook_path, runtime.receiver.post)
    app.router.add_routes(extra_routes or [])
    return app


class WebServer:
    """Runs the app on a port until stopped."""

    def __init__(self, app: web.Application, host: str, port: int) -> None:
        self.runner = web.AppRunner(app, access_log=None, handle_signals=False)
        self.host, self.port = host, port

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        if self.port == 0:  # tests ask for any free port
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("web server on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        await self.runner.cleanup()

