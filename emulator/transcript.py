"""A readable log of who did what, for the demo and for failing tests."""

from collections.abc import Iterable
from dataclasses import dataclass

BOT_SUFFIXES = {
    "sent": "",
    "sent_silently": " (silently)",
    "edited": " (edited)",
    "deleted": " (deleted)",
    "stopped": " (live location stopped)",
    "answered": " (answer)",
    "alert": " (alert)",
}
PERSON_MARKS = {
    "typed": "›",
    "location": "⌖ shared location",
    "moved": "⌖ moved to",
    "pressed": "⦿ pressed",
    "callback_data": "⦿ sent callback data",
    "paid": "¤ paid",
    "checkout_failed": "¤ checkout timed out:",
    "replayed": "¤ payment delivered again",
    "blocked": "⊘ blocked the bot",
    "unblocked": "⊘ unblocked the bot",
}


@dataclass(frozen=True)
class Entry:
    """One line of the story: a person acted (``actor_id`` set) or the bot did."""

    kind: str
    chat_id: int
    chat_name: str
    text: str = ""
    buttons: tuple[str, ...] = ()
    keyboard: tuple[str, ...] = ()
    actor_id: int | None = None
    actor_name: str = ""


def render_transcript(entries: Iterable[Entry], names: dict[int, str] | None = None) -> str:
    """Plain text, one action per line; ``names`` overrides chat and person names by id."""
    entries = list(entries)
    names = names or {}
    labels = [_person_label(e, names) for e in entries if e.actor_id is not None]
    width = max(map(len, labels), default=0)
    lines: list[str] = []
    for entry in entries:
        if entry.actor_id is None:
            lines.extend(_bot_lines(entry, names))
        else:
            lines.extend(_person_lines(entry, names, width))
    return "\n".join(lines)


def _person_label(entry: Entry, names: dict[int, str]) -> str:
    assert entry.actor_id is not None
    person = names.get(entry.actor_id, entry.actor_name)
    if entry.chat_id == entry.actor_id:
        return person
    return f"{person} @ {names.get(entry.chat_id, entry.chat_name)}"


def _person_lines(entry: Entry, names: dict[int, str], width: int) -> list[str]:
    mark = PERSON_MARKS.get(entry.kind, entry.kind)
    text = f"[{entry.text}]" if entry.kind == "pressed" else entry.text
    head = f"{_person_label(entry, names):<{width}}  {mark}"
    return _indented(f"{head} " if text else head, text, ())


def _bot_lines(entry: Entry, names: dict[int, str]) -> list[str]:
    chat = names.get(entry.chat_id, entry.chat_name)
    if entry.kind == "buttons":  # only the keyboard changed: name the message, not all of it
        first = (entry.text.splitlines() or [""])[0]
        first = first if len(first) <= 40 else first[:39] + "…"
        change = "changed the buttons" if entry.buttons else "removed the buttons"
        now = "  " + " ".join(f"[{b}]" for b in entry.buttons) if entry.buttons else ""
        return [f"Bot → {chat}: ({change} under “{first}”){now}"]
    head = f"Bot → {chat}{BOT_SUFFIXES.get(entry.kind, f' ({entry.kind})')}: "
    extras = []
    if entry.buttons:
        extras.append(" ".join(f"[{b}]" for b in entry.buttons))
    if entry.keyboard:
        extras.append("⌨ " + " ".join(f"[{b}]" for b in entry.keyboard))
    return _indented(head, entry.text, extras)


def _indented(head: str, text: str, extras: list[str] | tuple[str, ...]) -> list[str]:
    """First line after ``head``, later lines and extras aligned under it."""
    body = text.splitlines() or [""]
    pad = " " * len(head)
    lines = [head + body[0]] + [pad + line if line else "" for line in body[1:]]
    if extras and len(body) == 1:
        lines[0] = (lines[0] + "  " + "  ".join(extras)).rstrip()
    elif extras:
        lines.extend(pad + extra for extra in extras)
    return [line.rstrip() for line in lines]


@dataclass
class Received:
    """What one chat got from the bot: each new message buzzes a phone, an edit does not."""

    messages: int = 0  # new messages (text, location, invoice...) that buzz
    silent: int = 0  # new messages sent without a sound (disable_notification)
    edits: int = 0  # a message's text or buttons changed in place
    answers: int = 0  # button answers shown as a toast or alert


RECEIVED_KINDS = {"sent": "messages", "sent_silently": "silent", "edited": "edits",
                  "buttons": "edits", "stopped": "edits", "answered": "answers",
                  "alert": "answers"}


def received(entries: Iterable[Entry]) -> dict[int, Received]:
    """For each chat, what the bot made it receive."""
    counts: dict[int, Received] = {}
    for entry in entries:
        field = RECEIVED_KINDS.get(entry.kind)
        if entry.actor_id is None and field is not None:
            tally = counts.setdefault(entry.chat_id, Received())
            setattr(tally, field, getattr(tally, field) + 1)
    return counts


def render_received(entries: Iterable[Entry], names: dict[int, str]) -> str:
    """One line per chat: its new messages, edits and button answers."""
    lines = []
    for chat_id, tally in received(entries).items():
        name = names.get(chat_id, str(chat_id))
        silent = f" (and {tally.silent} silent)" if tally.silent else ""
        lines.append(f"{name}: {tally.messages} new messages{silent}, {tally.edits} edits, "
                     f"{tally.answers} button answers")
    return "\n".join(lines)
