"""An offline Telegram Bot API emulator for end-to-end tests and the demo."""

from emulator.emulator import BotApiEmulator
from emulator.errors import ApiError
from emulator.flood import FloodLimits
from emulator.models import (
    CHECKOUT_TIMED_OUT,
    ApiCall,
    BotMessage,
    CallbackAnswer,
    EmulatorStats,
    LiveLocation,
    Payment,
    PreCheckoutAnswer,
)
from emulator.people import ChatView, Group, Person
from emulator.transcript import Entry, render_transcript

__all__ = [
    "CHECKOUT_TIMED_OUT",
    "ApiCall",
    "ApiError",
    "BotApiEmulator",
    "BotMessage",
    "CallbackAnswer",
    "ChatView",
    "EmulatorStats",
    "Entry",
    "FloodLimits",
    "Group",
    "LiveLocation",
    "Payment",
    "Person",
    "PreCheckoutAnswer",
    "render_transcript",
]
