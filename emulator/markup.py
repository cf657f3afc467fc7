"""Validating reply_markup the way the Bot API does."""

import json
from typing import Any

from emulator.errors import bad_request

CALLBACK_DATA_MAX_BYTES = 64
MAX_BUTTONS = 100
INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
URL_SCHEMES = ("http://", "https://", "tg://")
# What a reply keyboard button may ask of the person, besides sending its text: one at most.
REPLY_REQUESTS = (
    "request_users",
    "request_chat",
    "request_contact",
    "request_location",
    "request_poll",
    "web_app",
)
BUTTON_ERROR = "can't parse inline keyboard button"


def parse_reply_markup(value: Any) -> dict[str, Any] | None:
    """Any reply_markup: an inline keyboard, a reply keyboard, a removal or a force reply."""
    markup = _as_object(value)
    if markup is None:
        return None
    if "inline_keyboard" in markup:
        return {"inline_keyboard": _inline_rows(markup["inline_keyboard"])}
    if "keyboard" in markup:
        _check_reply_rows(markup["keyboard"])
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def parse_inline_markup(value: Any) -> dict[str, Any] | None:
    """reply_markup where only an inline keyboard is allowed (edits, invoices)."""
    markup = parse_reply_markup(value)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def inline_buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not markup or "inline_keyboard" not in markup:
        return []
    return [button for row in markup["inline_keyboard"] for button in row]


def reply_button_texts(markup: dict[str, Any] | None) -> list[str]:
    if not markup or "keyboard" not in markup:
        return []
    return [b if isinstance(b, str) else b["text"] for row in markup["keyboard"] for b in row]


def _as_object(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request("can't parse reply keyboard markup JSON object") from None
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return value


def _inline_rows(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            _check_inline_button(button)
    return rows


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(f"{BUTTON_ERROR}: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request(f'{BUTTON_ERROR}: Field "text" must be of type String')
    actions = [name for name in INLINE_ACTIONS if name in button]
    if not actions:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(f"{BUTTON_ERROR}: exactly one of the optional fields must be used")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= CALLBACK_DATA_MAX_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.startswith(URL_SCHEMES):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid")


def _check_reply_rows(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
    for row in rows:
        for button in row:
            text = (
                button
                if isinstance(button, str)
                else (button.get("text") if isinstance(button, dict) else None)
            )
            if not isinstance(text, str):
                raise bad_request('can\'t parse keyboard button: Field "text" must be a String')
            if isinstance(button, dict):
                _check_reply_button(button)


def _check_reply_button(button: dict[str, Any]) -> None:
    requests = [name for name in REPLY_REQUESTS if name in button]
    if len(requests) > 1:
        raise bad_request("can't parse keyboard button: exactly one of the optional fields "
                          "must be used")
    for flag in ("request_contact", "request_location"):
        if flag in button and not isinstance(button[flag], bool):
            raise bad_request(f'can\'t parse keyboard button: Field "{flag}" must be of type '
                              "Boolean")


def reply_button(markup: dict[str, Any] | None, text: str) -> dict[str, Any] | None:
    """The reply keyboard button with exactly this text (a plain string button as
    {"text": ...}), if any."""
    if not markup or "keyboard" not in markup:
        return None
    for row in markup["keyboard"]:
        for button in row:
            found = {"text": button} if isinstance(button, str) else button
            if found["text"] == text:
                return found
    return None
