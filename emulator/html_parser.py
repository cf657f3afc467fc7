"""Telegram's HTML parse_mode: tags become entities, HTML entities are decoded."""

import re
from dataclasses import dataclass, field
from typing import Any

from emulator.entities import EntityParseError, TextBuilder, byte_offset

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
STYLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
HTML_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9A-Fa-f]{1,8})|([A-Za-z]+));")
NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
SPECIAL = re.compile(r"[<&]")


@dataclass
class _OpenTag:
    name: str
    start: int
    attributes: dict[str, str] = field(default_factory=dict)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and its entities, or raise EntityParseError like Telegram."""
    out = TextBuilder()
    stack: list[_OpenTag] = []
    i = 0
    while i < len(source):
        if source[i] == "&":
            decoded = _decode_entity(source, i)
            if decoded is None:
                raise EntityParseError(
                    f'Character "&" must be escaped as "&amp;" at byte offset '
                    f"{byte_offset(source, i)}"
                )
            char, i = decoded
            out.add(char)
        elif source[i] == "<":
            if source.startswith("</", i):
                i = _end_tag(source, i, out, stack)
            else:
                i = _start_tag(source, i, out, stack)
        else:
            special = SPECIAL.search(source, i)
            end = special.start() if special else len(source)
            out.add(source[i:end])
            i = end
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    text, entities = out.result()
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return text, entities


def _decode_entity(source: str, i: int) -> tuple[str, int] | None:
    match = HTML_ENTITY.match(source, i)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = NAMED_ENTITIES.get(name)
        return (char, match.end()) if char else None
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _unescape_attribute(value: str) -> str:
    # Inside attribute values a lone "&" (common in URLs) stays as it is.
    def replace(match: re.Match[str]) -> str:
        decoded = _decode_entity(match.group(), 0)
        return decoded[0] if decoded else match.group()

    return HTML_ENTITY.sub(replace, value)


def _skip_spaces(source: str, i: int) -> int:
    while i < len(source) and source[i].isspace():
        i += 1
    return i


def _start_tag(source: str, begin: int, out: TextBuilder, stack: list[_OpenTag]) -> int:
    at = byte_offset(source, begin)
    i = begin + 1
    while i < len(source) and not source[i].isspace() and source[i] != ">":
        i += 1
    if i >= len(source):
        raise EntityParseError(f"Unclosed start tag at byte offset {at}")
    name = source[begin + 1 : i].lower()
    if name not in ALLOWED_TAGS:
        raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {at}')
    tag = _OpenTag(name, out.offset)
    while True:
        i = _skip_spaces(source, i)
        if i >= len(source):
            raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {at}')
        if source[i] == ">":
            break
        i = _attribute(source, i, tag, at)
    if name == "span" and tag.attributes.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
    stack.append(tag)
    return i + 1


def _attribute(source: str, i: int, tag: _OpenTag, at: int) -> int:
    start = i
    while i < len(source) and not source[i].isspace() and source[i] not in "=>":
        i += 1
    attribute = source[start:i].lower()
    if not attribute:
        raise EntityParseError(f'Empty attribute name in the tag "{tag.name}" at byte offset {at}')
    i = _skip_spaces(source, i)
    if i >= len(source) or source[i] != "=":
        if tag.name == "blockquote" and attribute == "expandable":
            tag.attributes[attribute] = ""
            return i
        raise EntityParseError(
            f'Expected equal sign in declaration of an attribute of the tag "{tag.name}" '
            f"at byte offset {at}"
        )
    i = _skip_spaces(source, i + 1)
    if i >= len(source):
        raise EntityParseError(f'Unclosed start tag "{tag.name}" at byte offset {at}')
    if source[i] in "'\"":
        end = source.find(source[i], i + 1)
        if end < 0:
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        tag.attributes[attribute] = _unescape_attribute(source[i + 1 : end])
        return end + 1
    token = NAME_TOKEN.match(source, i)
    end = token.end() if token else i
    if end >= len(source) or not (source[end].isspace() or source[end] == ">"):
        raise EntityParseError(
            f"Unexpected end of name token at byte offset {byte_offset(source, end)}"
        )
    tag.attributes[attribute] = source[i:end].lower()
    return end


def _end_tag(source: str, begin: int, out: TextBuilder, stack: list[_OpenTag]) -> int:
    at = byte_offset(source, begin)
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {at}")
    i = begin + 2
    while i < len(source) and not source[i].isspace() and source[i] != ">":
        i += 1
    name = source[begin + 2 : i].lower()
    i = _skip_spaces(source, i)
    if i >= len(source) or source[i] != ">":
        raise EntityParseError(f"Unclosed end tag at byte offset {at}")
    tag = stack.pop()
    if name and name != tag.name:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", found "</{name}>"'
        )
    _close(tag, out)
    return i + 1


def _close(tag: _OpenTag, out: TextBuilder) -> None:
    if tag.name in STYLE_TAGS:
        out.close(STYLE_TAGS[tag.name], tag.start)
    elif tag.name == "a":
        if tag.attributes.get("href"):
            out.close("text_link", tag.start, url=tag.attributes["href"])
    elif tag.name == "code":
        language = tag.attributes.get("class", "").removeprefix("language-")
        out.close("code", tag.start, **({"language": language} if language else {}))
    elif tag.name == "pre":
        _close_pre(tag, out)
    elif tag.name == "blockquote":
        expandable = "expandable" in tag.attributes
        out.close("expandable_blockquote" if expandable else "blockquote", tag.start)
    elif tag.name == "tg-emoji" and tag.attributes.get("emoji-id"):
        out.close("custom_emoji", tag.start, custom_emoji_id=tag.attributes["emoji-id"])


def _close_pre(tag: _OpenTag, out: TextBuilder) -> None:
    # <pre><code class="language-x">...</code></pre> is one pre entity with a language.
    inner = out.entities[-1] if out.entities else None
    length = out.offset - tag.start
    if (
        inner is not None
        and inner["type"] == "code"
        and inner["offset"] == tag.start
        and inner["length"] == length
        and "language" in inner
    ):
        inner["type"] = "pre"
        return
    out.close("pre", tag.start)
