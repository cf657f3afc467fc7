"""The dashboard in a real headless Chromium, beside the real bot: an order placed in the chat
shows up, and its approval shows without reloading the page.

Selenium blocks, so every browser call runs in a thread; the bot, the emulator and the web
server keep running on the test's event loop meanwhile.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.runtime import Runtime
from bot.settings import DASHBOARD_PATH, Settings
from tests.e2e.conftest import Cast, approve, place_order

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TOKEN = "dashboard-e2e-token"
WAIT_S = 20

webdriver = pytest.importorskip("selenium.webdriver")
# CI installs the browser and sets REQUIRE_BROWSER=1, so there a missing one fails the run.
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip(f"needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium "
                "chromium-driver)", allow_module_level=True)

from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402  (only once selenium is there)
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The bot with its web server on a free port and the read API switched on."""
    return settings.model_copy(update={"api_token": TOKEN, "http_host": "127.0.0.1",
                                       "http_port": 0})


@pytest.fixture
def dashboard_url(bot: Runtime) -> str:
    """The page, served by the running bot's own web server (with /healthz and /metrics)."""
    assert bot.web is not None
    return f"http://127.0.0.1:{bot.web.port}{DASHBOARD_PATH}"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'chromium'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(WAIT_S)
    yield driver
    driver.quit()
    shutil.rmtree(tmp_path / "chromium", ignore_errors=True)


async def in_browser(call: Callable[..., Any], *args: Any) -> Any:
    return await asyncio.to_thread(call, *args)


async def wait_until(driver: Any, condition: Callable[[Any], Any]) -> Any:
    return await in_browser(WebDriverWait(driver, WAIT_S, poll_frequency=0.1).until, condition)


def text_of(selector: str) -> Callable[[Any], str | bool]:
    """The text of the first element matching `selector`, once it is shown."""
    def read(driver: Any) -> str | bool:
        try:
            found = driver.find_elements(By.CSS_SELECTOR, selector)
            return found[0].text if found and found[0].is_displayed() else False
        except StaleElementReferenceException:  # the page redrew its table meanwhile
            return False
    return read


async def sign_in(driver: Any, token: str) -> None:
    field = await wait_until(driver, lambda d: d.find_element(By.ID, "token"))
    await in_browser(field.send_keys, token + "\n")


async def test_the_dashboard_shows_a_new_order_and_its_approval_without_reloading(
    cast: Cast, dashboard_url: str, browser: Any
):
    number = await place_order(cast.customer)
    await in_browser(browser.get, dashboard_url)

    await sign_in(browser, "not-the-token")
    refused = await wait_until(browser, text_of("#message"))
    assert "401" in refused and "token was refused" in refused

    await sign_in(browser, TOKEN)
    row = f'tr[data-number="{number}"]'
    assert await wait_until(browser, text_of(f"{row} td.status")) == "placed"
    assert await wait_until(browser, text_of(f"{row} td.customer")) == "Minji"
    assert (await wait_until(browser, text_of(f"{row} td.age"))).endswith((" s", " min"))
    assert "orders: 1" in await wait_until(browser, text_of("#summary"))
    await in_browser(browser.execute_script, "window.stillTheSamePage = true;")

    await approve(cast.staff, number)

    await wait_until(browser, lambda d: text_of(f"{row} td.status")(d) == "approved")
    assert await in_browser(browser.execute_script, "return window.stillTheSamePage;") is True


async def test_the_dashboard_counts_and_marks_the_orders_running_late(
    cast: Cast, bot: Runtime, dashboard_url: str, browser: Any
):
    late, on_time = await place_order(cast.customer), await place_order(cast.customer)
    for number in (late, on_time):
        await approve(cast.staff, number)
    now = bot.services.clock.now()
    async with bot.services.uow() as uow:  # as the arrival times would have been promised
        for number, promised in ((late, now - timedelta(minutes=5)),
                                 (on_time, now + timedelta(hours=1))):
            order = await uow.orders.require(number)
            order.promised_at = order.eta_at = promised
        await uow.commit()
    await in_browser(browser.get, dashboard_url)
    await sign_in(browser, TOKEN)

    assert await wait_until(browser, text_of("#late")) == "⏰ Late: 1"
    late_row, on_time_row = f'tr[data-number="{late}"]', f'tr[data-number="{on_time}"]'
    assert (await wait_until(browser, text_of(f"{late_row} td.arrival"))).startswith(
        "⏰ late (promised ")
    assert (await wait_until(browser, text_of(f"{on_time_row} td.arrival"))).startswith("about ")
    classes = await in_browser(browser.execute_script,
                               f"return [...document.querySelectorAll('{late_row}, "
                               f"{on_time_row}')].map((row) => row.className);")
    assert classes == ["", "late"]  # newest first: the on-time order is listed above
