"""Message text as Telegram stores it: parse_mode applied, trimmed, length-checked."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from emulator.entities import EntityParseError, utf16_len
from emulator.errors import bad_request
from emulator.html_parser import parse_html
from emulator.markdown_parser import parse_markdown, parse_markdown_v2

MAX_TEXT_LENGTH = 4096

Parser = Callable[[str], tuple[str, list[dict[str, Any]]]]
PARSERS: dict[str, Parser] = {
    "html": parse_html,
    "markdownv2": parse_markdown_v2,
    "markdown": parse_markdown,
}


@dataclass(frozen=True)
class FormattedText:
    text: str
    entities: list[dict[str, Any]]


def format_text(source: str, parse_mode: str | None, entities: Any = None) -> FormattedText:
    """Apply explicit entities or a parse_mode, then trim surrounding whitespace."""
    if entities is not None:
        text, found = source, _checked_entities(entities)
    elif not parse_mode:
        text, found = source, []
    else:
        parser = PARSERS.get(parse_mode.lower())
        if parser is None:
            raise bad_request("unsupported parse_mode")
        try:
            text, found = parser(source)
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    return _trimmed(text, found)


def message_text(source: str | None, parse_mode: str | None, entities: Any = None) -> FormattedText:
    """The text of a message to send or edit, validated like sendMessage does."""
    formatted = format_text(source or "", parse_mode, entities)
    if not formatted.text:
        raise bad_request("message text is empty")
    if utf16_len(formatted.text) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return formatted


def _checked_entities(entities: Any) -> list[dict[str, Any]]:
    if not isinstance(entities, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("type"), str)
        and isinstance(e.get("offset"), int)
        and isinstance(e.get("length"), int)
        for e in entities
    ):
        raise bad_request("can't parse entities JSON object")
    return entities


def _trimmed(text: str, entities: list[dict[str, Any]]) -> FormattedText:
    body = text.strip()
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(body)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return FormattedText(body, kept)
