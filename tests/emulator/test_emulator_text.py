"""The parse modes on their own: offsets in UTF-16, nesting, languages, quotes."""

import pytest

from emulator.entities import command_entities
from emulator.errors import ApiError
from emulator.text import format_text


def parsed(text: str, mode: str | None) -> tuple[str, list[dict]]:
    result = format_text(text, mode)
    return result.text, result.entities


def test_entity_offsets_count_utf16_code_units():
    text, entities = parsed("😀 <b>커피</b>", "HTML")
    assert text == "😀 커피"
    assert entities == [{"type": "bold", "offset": 3, "length": 2}]


def test_html_nesting_spoilers_quotes_and_code_languages():
    source = (
        '<b>a<i>b</i></b><span class="tg-spoiler">c</span><tg-spoiler>d</tg-spoiler>'
        '<blockquote expandable>e</blockquote><pre><code class="language-python">f</code></pre>'
        "<u>g</u><s>h</s><code>i</code>"
    )
    text, entities = parsed(source, "HTML")
    assert text == "abcdefghi"
    assert [(e["type"], e["offset"]) for e in entities] == [
        ("bold", 0),
        ("italic", 1),
        ("spoiler", 2),
        ("spoiler", 3),
        ("expandable_blockquote", 4),
        ("pre", 5),
        ("underline", 6),
        ("strikethrough", 7),
        ("code", 8),
    ]
    assert entities[5]["language"] == "python"


def test_html_tag_names_are_case_insensitive_and_entities_decode():
    assert parsed("<B>&lt;x&gt; &quot;&#x41;&#66;&quot;</B>", "HTML") == (
        '<x> "AB"',
        [{"type": "bold", "offset": 0, "length": 8}],
    )


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("&nbsp;", 'Character "&" must be escaped as "&amp;" at byte offset 0'),
        ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
        ("커피 <x>", 'Unsupported start tag "x" at byte offset 7'),
    ],
)
def test_html_errors_name_the_problem(source: str, detail: str):
    with pytest.raises(ApiError) as raised:
        format_text(source, "HTML")
    assert raised.value.description == f"Bad Request: can't parse entities: {detail}"


def test_markdown_v2_entities_and_escapes():
    text, entities = parsed(
        "*b* _i_ __u__ ~s~ ||p|| `c` [l](https://x.io/a\\)b) \\*not bold\\*", "MarkdownV2"
    )
    assert text == "b i u s p c l *not bold*"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "text_link",
    ]
    assert entities[-1]["url"] == "https://x.io/a)b"


def test_markdown_v2_code_needs_no_escaping_inside_and_pre_keeps_its_language():
    text, entities = parsed("```python\nx = 1.5\n```", "MarkdownV2")
    assert text == "x = 1.5"
    assert entities == [{"type": "pre", "offset": 0, "length": 7, "language": "python"}]


def test_markdown_v2_block_quotes_span_consecutive_lines():
    text, entities = parsed(">first\n>second\nafter", "MarkdownV2")
    assert text == "first\nsecond\nafter"
    assert entities == [{"type": "blockquote", "offset": 0, "length": 12}]


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ("a-b", "Character '-' is reserved and must be escaped with the preceding '\\'"),
        ("*open", "Can't find end of Bold entity at byte offset 0"),
        ("[x](http://a", "Can't find end of a URL at byte offset 3"),
    ],
)
def test_markdown_v2_errors(source: str, detail: str):
    with pytest.raises(ApiError) as raised:
        format_text(source, "MarkdownV2")
    assert raised.value.description == f"Bad Request: can't parse entities: {detail}"


def test_legacy_markdown():
    assert parsed("*b* 1.5 [l](https://x.io)", "Markdown") == (
        "b 1.5 l",
        [
            {"type": "bold", "offset": 0, "length": 1},
            {"type": "text_link", "offset": 6, "length": 1, "url": "https://x.io"},
        ],
    )
    with pytest.raises(ApiError, match="Can't find end of the entity starting at byte offset 0"):
        format_text("*open", "Markdown")


def test_explicit_entities_are_kept_as_given():
    entities = [{"type": "bold", "offset": 0, "length": 2}]
    assert format_text("Hi there", None, entities).entities == entities


def test_bot_commands_are_found_wherever_they_stand():
    assert command_entities("/accept 12 then /status@ppalli_bot, not a/b") == [
        {"type": "bot_command", "offset": 0, "length": 7},
        {"type": "bot_command", "offset": 16, "length": 18},
    ]
