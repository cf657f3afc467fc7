"""Methods about the bot itself and its chats: getMe, commands, menu button, getChat."""

import json
import re
from typing import Any

from emulator.errors import CHAT_NOT_FOUND, bad_request
from emulator.params import Params
from emulator.state import State, chat_member

COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
MAX_COMMANDS = 100
MAX_DESCRIPTION = 256
MENU_BUTTON_TYPES = ("commands", "web_app", "default")


async def get_me(state: State, params: Params) -> dict[str, Any]:
    return state.bot_user | {
        "can_join_groups": True,
        "can_read_all_group_messages": not state.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def log_out(state: State, params: Params) -> bool:
    return True


async def close(state: State, params: Params) -> bool:
    return True


async def get_chat(state: State, params: Params) -> dict[str, Any]:
    chat = state.find_chat(params.chat_id())
    if chat.type == "private":
        return chat.as_dict() | FULL_INFO
    state.check_bot_is_in(chat)
    sending = {f"can_send_{kind}": chat.members_may_send for kind in SENDING.split()}
    return chat.as_dict() | FULL_INFO | {"permissions": sending}


SENDING = "messages audios documents photos videos video_notes voice_notes polls other_messages"
FULL_INFO: dict[str, Any] = {
    "accent_color_id": 0,
    "max_reaction_count": 11,
    "accepted_gift_types": {
        "unlimited_gifts": False,
        "limited_gifts": False,
        "unique_gifts": False,
        "premium_subscription": False,
        "gifts_from_channels": False,
    },
}


async def get_chat_member(state: State, params: Params) -> dict[str, Any]:
    chat = state.find_chat(params.chat_id())
    user_id = params.integer("user_id")
    if user_id == state.bot_id:
        if chat.type == "private":
            return chat_member(state.bot_user, "member")
        state.check_bot_is_in(chat)
        return chat_member(state.bot_user, chat.bot_status)
    if user_id not in state.users:
        raise bad_request("user not found")
    if chat.type == "private":
        status = "member" if user_id == chat.id else "left"
    else:
        status = chat.members.get(user_id, "left")
    return chat_member(state.users[user_id], status)


def _commands_key(params: Params) -> tuple[str, str]:
    scope = params.structure("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), params.text("language_code") or ""


def _check_scope(state: State, params: Params) -> None:
    """A chat scope names a chat the bot can see: a person who never started the bot is
    "chat not found" to it, as in Telegram."""
    scope = params.structure("scope")
    if not isinstance(scope, dict) or "chat_id" not in scope:
        return
    chat = state.find_chat(scope["chat_id"])
    if chat.type == "private" and not chat.started:
        raise bad_request(CHAT_NOT_FOUND)


async def set_my_commands(state: State, params: Params) -> bool:
    commands = params.structure("commands")
    if not isinstance(commands, list) or not all(isinstance(c, dict) for c in commands):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands")
    _check_scope(state, params)
    for command in commands:
        if not COMMAND_NAME.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= MAX_DESCRIPTION:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    state.commands[_commands_key(params)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


async def get_my_commands(state: State, params: Params) -> list[dict[str, Any]]:
    return state.commands.get(_commands_key(params), [])


async def delete_my_commands(state: State, params: Params) -> bool:
    _check_scope(state, params)
    state.commands.pop(_commands_key(params), None)
    return True


def _menu_chat_id(state: State, params: Params) -> int | None:
    if params.raw("chat_id") in (None, ""):
        return None
    return state.find_chat(params.chat_id()).id


async def set_chat_menu_button(state: State, params: Params) -> bool:
    chat_id = _menu_chat_id(state, params)
    button = params.structure("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in MENU_BUTTON_TYPES:
        raise bad_request("can't parse menu button JSON object")
    state.menu_buttons[chat_id] = button
    return True


async def get_chat_menu_button(state: State, params: Params) -> dict[str, Any]:
    chat_id = _menu_chat_id(state, params)
    fallback = {"type": "commands"} if chat_id is None else {"type": "default"}
    return state.menu_buttons.get(chat_id, fallback)
