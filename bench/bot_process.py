"""A bot under measurement: its own process, with its CPU time and peak memory read from
/proc (Linux)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from emulator import BotApiEmulator

READY_S = 60.0


class BotProcess:
    """`python -m MODULE ARGS...` with the given environment, stderr kept for a failure."""

    def __init__(self, module: str, *args: str, env: dict[str, str]) -> None:
        self.argv = [sys.executable, "-m", module, *args]
        self.env = env
        self.errors: list[str] = []

    async def start(self, emu: BotApiEmulator) -> None:
        """Start it and wait until it polls the emulator for updates."""
        self.process = await asyncio.create_subprocess_exec(
            *self.argv, env=self.env, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE)
        self._reader = asyncio.create_task(self._read())
        deadline = time.monotonic() + READY_S
        while not emu.calls_to("getUpdates"):
            if self.process.returncode is not None or time.monotonic() > deadline:
                await self.stop()
                raise RuntimeError(f"{' '.join(self.argv)} did not start:\n"
                                   + "".join(self.errors[-30:]))
            await asyncio.sleep(0.05)

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for line in self.process.stderr:
            self.errors.append(line.decode(errors="replace"))

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has used so far, its threads included."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory (VmHWM)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc: peak memory needs Linux")

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        await self._reader


def own_cpu_seconds() -> float:
    """CPU time of this process (the emulator and the simulated people)."""
    times = os.times()
    return times.user + times.system
