"""Getting updates: getUpdates and the webhook methods that exclude it."""

from typing import Any
from urllib.parse import urlsplit

from emulator.errors import GET_UPDATES_WITH_WEBHOOK, ApiError, bad_request
from emulator.params import Params
from emulator.state import State
from emulator.updates import MAX_LIMIT

MAX_POLL_SECONDS = 50


def _apply_allowed_updates(state: State, params: Params) -> None:
    allowed = params.structure("allowed_updates")
    if allowed is None:
        return
    if not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed):
        raise bad_request("can't parse allowed_updates JSON object")
    state.updates.set_allowed(allowed)


async def get_updates(state: State, params: Params) -> list[dict[str, Any]]:
    if state.webhook_url:
        raise ApiError(409, GET_UPDATES_WITH_WEBHOOK)
    _apply_allowed_updates(state, params)
    limit = min(max(params.integer("limit") or MAX_LIMIT, 1), MAX_LIMIT)
    timeout = min(max(params.number("timeout") or 0.0, 0.0), MAX_POLL_SECONDS)
    offset = params.integer("offset") or 0
    return await state.updates.poll(offset=offset, limit=limit, seconds=timeout)


WEBHOOK_PORTS = (443, 80, 88, 8443)


def _port(url: str) -> int | None:
    """The URL's port (443 when none is written); None for one that is not a number."""
    try:
        return urlsplit(url).port or 443
    except ValueError:
        return None


async def set_webhook(state: State, params: Params) -> bool:
    url = params.text("url") or ""
    if url and not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if url and _port(url) not in WEBHOOK_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    _apply_allowed_updates(state, params)
    secret = params.text("secret_token") or ""
    if secret and not (len(secret) <= 256 and all(c.isascii() and (c.isalnum() or c in "_-")
                                                  for c in secret)):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    connections = params.integer("max_connections") or 40
    if not 1 <= connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    if params.flag("drop_pending_updates"):
        state.updates.drop_pending()
    state.webhook_url, state.webhook_secret = url, secret
    state.webhook_max_connections = connections
    state.updates.changed.notify()
    return True


async def delete_webhook(state: State, params: Params) -> bool:
    if params.flag("drop_pending_updates"):
        state.updates.drop_pending()
    state.webhook_url = state.webhook_secret = ""
    return True


async def get_webhook_info(state: State, params: Params) -> dict[str, Any]:
    info: dict[str, Any] = {
        "url": state.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": state.updates.pending_count,
    }
    if state.webhook_url:
        info["max_connections"] = state.webhook_max_connections
    return info
