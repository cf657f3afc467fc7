"""Sending, editing and deleting messages."""

import copy
from typing import Any

from emulator.errors import NOT_MODIFIED, bad_request
from emulator.markup import parse_inline_markup, parse_reply_markup
from emulator.params import Params
from emulator.state import LIVE_PERIOD_FOREVER, Chat, State
from emulator.text import FormattedText, message_text

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
DAY_S = 86400
WRONG_LIVE_PERIOD = "wrong live period specified"


def _text_fields(content: FormattedText) -> dict[str, Any]:
    fields: dict[str, Any] = {"text": content.text}
    if content.entities:
        fields["entities"] = content.entities
    return fields


def replied_message(state: State, chat: Chat, params: Params) -> dict[str, Any] | None:
    """The message named by reply_parameters (or the older reply_to_message_id)."""
    reply = params.structure("reply_parameters") or {}
    if not isinstance(reply, dict):
        raise bad_request("can't parse reply parameters JSON object")
    message_id = reply.get("message_id", params.integer("reply_to_message_id"))
    if message_id is None:
        return None
    source = state.find_chat(reply["chat_id"]) if reply.get("chat_id") else chat
    original = source.live_message(message_id)
    if original is None:
        if reply.get("allow_sending_without_reply") or params.flag("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return {k: copy.deepcopy(v) for k, v in original.items() if k != "reply_to_message"}


async def send_message(state: State, params: Params) -> dict[str, Any]:
    chat_id = params.chat_id()
    markup = parse_reply_markup(params.raw("reply_markup"))
    content = message_text(
        params.text("text"), params.text("parse_mode"), params.structure("entities")
    )
    chat = state.reachable_chat(chat_id)
    fields = _text_fields(content) | state.thread(chat, params.integer("message_thread_id"))
    reply_to = replied_message(state, chat, params)
    return state.post(chat, fields, markup=markup, reply_to=reply_to,
                      silent=params.flag("disable_notification"))


def _editable(state: State, params: Params) -> tuple[Chat, dict[str, Any]]:
    if params.text("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = state.reachable_chat(params.chat_id())
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.live_message(message_id)
    if message is None:
        raise bad_request("message to edit not found")
    if message["from"]["id"] != state.bot_id:
        raise bad_request("message can't be edited")
    return chat, message


async def edit_message_text(state: State, params: Params) -> dict[str, Any]:
    chat, message = _editable(state, params)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    content = message_text(
        params.text("text"), params.text("parse_mode"), params.structure("entities")
    )
    markup = parse_inline_markup(params.raw("reply_markup"))
    # Leaving out reply_markup removes the keyboard, as on Telegram.
    changes = {
        "text": content.text,
        "entities": content.entities or None,
        "reply_markup": markup,
    }
    if all(message.get(key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    return state.edit(chat, message, changes)


async def edit_message_reply_markup(state: State, params: Params) -> dict[str, Any]:
    chat, message = _editable(state, params)
    markup = parse_inline_markup(params.raw("reply_markup"))
    if message.get("reply_markup") == markup:
        raise bad_request(NOT_MODIFIED)
    return state.edit(chat, message, {"reply_markup": markup})


async def delete_message(state: State, params: Params) -> bool:
    chat = state.find_chat(params.chat_id())
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.live_message(message_id)
    if message is None:
        raise bad_request("message to delete not found")
    if chat.type != "private" and message["from"]["id"] != state.bot_id:
        raise bad_request("message can't be deleted")
    state.delete(chat, message)
    return True


async def send_chat_action(state: State, params: Params) -> bool:
    state.reachable_chat(params.chat_id())
    if params.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


def _position(params: Params) -> dict[str, Any]:
    """Where a location is: latitude and longitude, checked, and the optional extras."""
    latitude = params.number("latitude")
    longitude = params.number("longitude")
    if latitude is None or longitude is None:
        raise bad_request("latitude and longitude must be specified")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong location specified")
    location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
    optional = {
        "horizontal_accuracy": params.number("horizontal_accuracy"),
        "heading": params.integer("heading"),
        "proximity_alert_radius": params.integer("proximity_alert_radius"),
    }
    location |= {name: value for name, value in optional.items() if value is not None}
    return location


def _location(params: Params) -> dict[str, Any]:
    """A location to send; a live one lasts from a minute to a day, or is endless."""
    location = _position(params)
    live_period = params.integer("live_period")
    if live_period is not None:
        if not (60 <= live_period <= DAY_S or live_period == LIVE_PERIOD_FOREVER):
            raise bad_request(WRONG_LIVE_PERIOD)
        location["live_period"] = live_period
    return location


async def send_location(state: State, params: Params) -> dict[str, Any]:
    chat_id = params.chat_id()
    markup = parse_reply_markup(params.raw("reply_markup"))
    location = _location(params)
    chat = state.reachable_chat(chat_id)
    fields = {"location": location} | state.thread(chat, params.integer("message_thread_id"))
    reply_to = replied_message(state, chat, params)
    return state.post(chat, fields, markup=markup, reply_to=reply_to,
                      silent=params.flag("disable_notification"))


async def send_venue(state: State, params: Params) -> dict[str, Any]:
    """A place with a title and an address; the message carries it both as a venue and as
    its location, as Telegram's do."""
    chat_id = params.chat_id()
    markup = parse_reply_markup(params.raw("reply_markup"))
    location = _location(params)
    venue: dict[str, Any] = {
        "location": location,
        "title": params.required_text("title"),
        "address": params.required_text("address"),
    }
    optional = ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type")
    venue |= {name: params.text(name) for name in optional if params.text(name)}
    chat = state.reachable_chat(chat_id)
    fields = {"location": location, "venue": venue} | state.thread(
        chat, params.integer("message_thread_id"))
    reply_to = replied_message(state, chat, params)
    return state.post(chat, fields, markup=markup, reply_to=reply_to,
                      silent=params.flag("disable_notification"))


def _live_location(state: State, params: Params) -> tuple[Chat, dict[str, Any]]:
    """The bot's live location named by the call, while it may still move."""
    chat, message = _editable(state, params)
    if not state.is_live(chat, message):
        raise bad_request("message can't be edited")
    return chat, message


def _new_live_period(state: State, message: dict[str, Any], wanted: int | None) -> int:
    """An edit may extend a live period by up to a day, to end within 90 days, or make it
    endless; left out, the period stays."""
    current: int = message["location"]["live_period"]
    if wanted is None:
        return current
    if wanted in (current, LIVE_PERIOD_FOREVER):
        return wanted
    too_long = wanted > current + DAY_S or message["date"] + wanted > state.now() + 90 * DAY_S
    if current == LIVE_PERIOD_FOREVER or wanted < current or too_long:
        raise bad_request(WRONG_LIVE_PERIOD)
    return wanted


async def edit_message_live_location(state: State, params: Params) -> dict[str, Any]:
    """Move a live location; leaving out an extra (heading...) or reply_markup removes it."""
    chat, message = _live_location(state, params)
    location = _position(params)
    location["live_period"] = _new_live_period(state, message, params.integer("live_period"))
    markup = parse_inline_markup(params.raw("reply_markup"))
    if message["location"] == location and message.get("reply_markup") == markup:
        raise bad_request(NOT_MODIFIED)
    message_id = message["message_id"]
    chat.live_edits[message_id] = chat.live_edits.get(message_id, 0) + 1
    return state.edit(chat, message, {"location": location, "reply_markup": markup})


async def stop_message_live_location(state: State, params: Params) -> dict[str, Any]:
    """Stop a live location for good: it stays where it is and can no longer be edited."""
    chat, message = _live_location(state, params)
    markup = parse_inline_markup(params.raw("reply_markup"))
    chat.stopped_live.add(message["message_id"])
    return state.edit(chat, message, {"reply_markup": markup}, kind="stopped")
