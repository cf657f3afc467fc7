"""Telegram's MarkdownV2 and legacy Markdown parse modes."""

from dataclasses import dataclass
from typing import Any

from emulator.entities import EntityParseError, TextBuilder, byte_offset

RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
ERROR_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
LEGACY_STYLES = {"*": "bold", "_": "italic", "`": "code", "```": "pre", "[": "text_link"}


@dataclass
class _Open:
    kind: str
    start: int
    at: int
    language: str = ""


def parse_markdown_v2(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and its entities, or raise EntityParseError like Telegram."""
    out = TextBuilder()
    stack: list[_Open] = []
    quote_start: int | None = None
    line_start = True
    i = 0
    while i < len(source):
        char = source[i]
        top = stack[-1] if stack else None
        if top is not None and top.kind in ("code", "pre"):
            i = _inside_code(source, i, top, stack, out)
            continue
        if line_start:
            line_start = False
            if char == ">":
                quote_start = out.offset if quote_start is None else quote_start
                i += 1
                continue
            if quote_start is not None:
                _close_quote(out, quote_start, out.offset - 1)
                quote_start = None
        if char == "\\" and i + 1 < len(source) and ord(source[i + 1]) <= 126:
            out.add(source[i + 1])
            i += 2
        elif top is not None and (size := _closing_size(top.kind, source, i)):
            stack.pop()
            i = _close(source, i, size, top, out)
        elif char in RESERVED:
            i = _open(source, i, stack, out)
        else:
            out.add(char)
            line_start = char == "\n"
            i += 1
    if stack:
        kind = ERROR_NAMES[stack[-1].kind]
        raise EntityParseError(f"Can't find end of {kind} entity at byte offset {stack[-1].at}")
    if quote_start is not None:
        _close_quote(out, quote_start, out.offset)
    return out.result()


def _inside_code(source: str, i: int, top: _Open, stack: list[_Open], out: TextBuilder) -> int:
    if source[i] == "\\" and i + 1 < len(source) and ord(source[i + 1]) <= 126:
        out.add(source[i + 1])
        return i + 2
    if top.kind == "code" and source[i] == "`":
        stack.pop()
        out.close("code", top.start)
        return i + 1
    if top.kind == "pre" and source.startswith("```", i):
        stack.pop()
        out.close("pre", top.start, **({"language": top.language} if top.language else {}))
        return i + 3
    out.add(source[i])
    return i + 1


def _close_quote(out: TextBuilder, start: int, end: int) -> None:
    if end > start:
        out.entities.append({"type": "blockquote", "offset": start, "length": end - start})


def _closing_size(kind: str, source: str, i: int) -> int:
    char = source[i]
    next_char = source[i + 1 : i + 2]
    if kind == "bold" and char == "*":
        return 1
    if kind == "italic" and char == "_" and next_char != "_":
        return 1
    if kind == "underline" and source.startswith("__", i):
        return 2
    if kind == "strikethrough" and char == "~":
        return 1
    if kind == "spoiler" and source.startswith("||", i):
        return 2
    if kind in ("text_link", "custom_emoji") and char == "]":
        return 1
    return 0


def _close(source: str, i: int, size: int, top: _Open, out: TextBuilder) -> int:
    if top.kind not in ("text_link", "custom_emoji"):
        out.close(top.kind, top.start)
        return i + size
    url, end = _link_target(source, i + 1)
    if top.kind == "text_link" and url:
        out.close("text_link", top.start, url=url)
    elif top.kind == "custom_emoji" and url.startswith("tg://emoji?id="):
        out.close("custom_emoji", top.start, custom_emoji_id=url.removeprefix("tg://emoji?id="))
    return end


def _link_target(source: str, i: int) -> tuple[str, int]:
    """Read ``(url)`` right after a link's closing bracket."""
    if not source.startswith("(", i):
        return "", i
    url: list[str] = []
    j = i + 1
    while j < len(source) and source[j] != ")":
        if source[j] == "\\" and j + 1 < len(source):
            j += 1
        url.append(source[j])
        j += 1
    if j >= len(source):
        raise EntityParseError(f"Can't find end of a URL at byte offset {byte_offset(source, i)}")
    return "".join(url), j + 1


def _open(source: str, i: int, stack: list[_Open], out: TextBuilder) -> int:
    char = source[i]
    at = byte_offset(source, i)
    if source.startswith("```", i):
        return _open_pre(source, i, stack, out)
    if source.startswith("__", i):
        kind, size = "underline", 2
    elif source.startswith("||", i):
        kind, size = "spoiler", 2
    elif source.startswith("![", i):
        kind, size = "custom_emoji", 2
    elif char in "_*~[`":
        kinds = {"_": "italic", "*": "bold", "~": "strikethrough", "[": "text_link", "`": "code"}
        kind, size = kinds[char], 1
    else:
        raise EntityParseError(
            f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        )
    stack.append(_Open(kind, out.offset, at))
    return i + size


def _open_pre(source: str, i: int, stack: list[_Open], out: TextBuilder) -> int:
    start = i + 3
    end = start
    while end < len(source) and not source[end].isspace() and source[end] != "`":
        end += 1
    language = source[start:end] if end < len(source) and source[end] != "`" else ""
    position = end if language else start
    if source.startswith("\r\n", position):
        position += 2
    elif source.startswith("\n", position):
        position += 1
    stack.append(_Open("pre", out.offset, byte_offset(source, i), language))
    return position


def parse_markdown(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre``` and [text](url), no nesting."""
    out = TextBuilder()
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and source[i + 1 : i + 2] in ("_", "*", "`", "["):
            out.add(source[i + 1])
            i += 2
            continue
        if char not in "_*`[":
            out.add(char)
            i += 1
            continue
        marker = "```" if source.startswith("```", i) else char
        closer = "]" if marker == "[" else marker
        end = source.find(closer, i + len(marker))
        if end < 0:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {byte_offset(source, i)}"
            )
        start = out.offset
        out.add(source[i + len(marker) : end])
        i = end + len(closer)
        if marker == "[":
            url, i = _link_target(source, i)
            if url:
                out.close("text_link", start, url=url)
        else:
            out.close(LEGACY_STYLES[marker], start)
    return out.result()
