"""Reading a call's parameters from the query string, a form or a JSON body."""

import json
from typing import Any

from aiohttp import web

from emulator.errors import bad_request

# Parameters that python-telegram-bot JSON-encodes in form bodies; decoded for the call log.
JSON_ENCODED = frozenset(
    {
        "allow_sending_without_reply",
        "allowed_updates",
        "cache_time",
        "chat_id",
        "commands",
        "disable_notification",
        "disable_web_page_preview",
        "drop_pending_updates",
        "entities",
        "from_chat_id",
        "heading",
        "horizontal_accuracy",
        "is_flexible",
        "latitude",
        "limit",
        "link_preview_options",
        "live_period",
        "longitude",
        "max_connections",
        "max_tip_amount",
        "menu_button",
        "message_id",
        "message_thread_id",
        "need_email",
        "need_name",
        "need_phone_number",
        "need_shipping_address",
        "offset",
        "ok",
        "prices",
        "protect_content",
        "proximity_alert_radius",
        "reply_markup",
        "reply_parameters",
        "reply_to_message_id",
        "scope",
        "show_alert",
        "suggested_tip_amounts",
        "timeout",
        "user_id",
    }
)


async def read_params(request: web.Request) -> dict[str, Any]:
    """Merge query string and body parameters, decoding JSON-encoded form values."""
    params: dict[str, Any] = _decoded(dict(request.query))
    if request.content_type == "application/json":
        raw = await request.read()
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                raise bad_request("can't parse JSON request body") from None
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON request body")
            params.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        texts = {name: value for name, value in form.items() if isinstance(value, str)}
        params.update(_decoded(texts))
        for name, value in form.items():
            if isinstance(value, web.FileField):
                params[name] = {"file_name": value.filename, "size": len(value.file.read())}
    return params


def _decoded(values: dict[str, str]) -> dict[str, Any]:
    return {
        name: _maybe_json(value) if name in JSON_ENCODED else value
        for name, value in values.items()
    }


def _maybe_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


class Params:
    """Typed access to one call's parameters, failing the way the Bot API does."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | str):
            return str(value)
        return json.dumps(value)

    def required_text(self, name: str) -> str:
        value = self.text(name)
        if not value:
            raise bad_request(f"{name} is empty")
        return value

    def integer(self, name: str) -> int | None:
        value = self._scalar(name)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request(f'field "{name}" must be of type Integer')
        return value

    def number(self, name: str) -> float | None:
        value = self._scalar(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad_request(f'field "{name}" must be of type Number')
        return float(value)

    def _scalar(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            return _maybe_json(value) if value.strip() else None
        return value

    def flag(self, name: str) -> bool:
        value = self.values.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def structure(self, name: str) -> Any:
        """A JSON object or array parameter; a JSON string is decoded."""
        value = self.values.get(name)
        if isinstance(value, str):
            if not value:
                return None
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def chat_id(self, name: str = "chat_id") -> int | str:
        """An integer chat id or an @username."""
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, bool):
            raise bad_request("chat not found")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if text.lstrip("-").isdigit():
            return int(text)
        return text
