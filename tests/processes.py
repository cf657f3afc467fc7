"""`ppalli` commands run as separate processes by the tests (replicas, workers), with their
log lines collected as they come."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys


class BotProcess:
    def __init__(self, name: str, env: dict[str, str], *args: str) -> None:
        self.name = name
        self.env = env
        self.args = args  # such as ("worker", "--no-migrate")
        self.lines: list[str] = []

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", *self.args, env=self.env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for line in self.process.stderr:
            self.lines.append(line.decode(errors="replace"))

    def said(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    async def terminate(self, within_s: float = 10) -> int:
        """SIGTERM, then wait for the exit (killed if it takes longer); the exit code."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), within_s)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        await self._reader
        assert self.process.returncode is not None
        return self.process.returncode


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
