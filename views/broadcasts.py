"""How broadcasts and the outbox read to admins."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from domain.alerts.outbox import DeliveryCounts, OutboxMessage
from domain.broadcasts.model import Broadcast, BroadcastState
from views.i18n import (
    MAX_MESSAGE,
    Html,
    newest_kept,
    newest_that_fit,
    shortened,
    t,
    utf16_length,
)
from views.words import moment

PREVIEW_CHARS = 60  # of a broadcast's text in /broadcasts, in UTF-16 units
ERROR_CHARS = 200  # of a failure's error in /outbox


def when(lang: str, at: datetime, tz: tzinfo) -> str:
    return moment(lang, at, tz)


def audience(lang: str, broadcast: Broadcast) -> Html:
    return t(lang, f"broadcast.audience.{broadcast.audience.value}")


def preview(lang: str, broadcast: Broadcast, recipients: int, tz: tzinfo) -> list[Html]:
    """The preview: who gets it and the text as it will read, in one message; in two (the
    text in a message of its own) when a text near the cap would not fit beside the rest."""
    scheduled = (
        t(lang, "broadcast.when", time=when(lang, broadcast.scheduled_for, tz))
        if broadcast.scheduled_for else Html("")
    )
    fields = {"id": broadcast.id, "audience": audience(lang, broadcast),
              "recipients": recipients, "when": scheduled}
    whole = t(lang, "broadcast.preview", **fields, text=broadcast.text)
    if utf16_length(whole) <= MAX_MESSAGE:
        return [whole]
    return [Html(t(lang, "broadcast.preview", **fields, text="").rstrip()),
            t(lang, "broadcast.message", text=broadcast.text)]


def status(lang: str, broadcast: Broadcast, counts: DeliveryCounts, tz: tzinfo,
           rate: float = 0.0) -> Html:
    """One line for the progress message: what state it is in, with its counts."""
    numbers = {"id": broadcast.id, "sent": counts.sent, "total": broadcast.total,
               "unreachable": counts.unreachable, "failed": counts.failed}
    if broadcast.state is BroadcastState.SCHEDULED:
        assert broadcast.scheduled_for is not None
        return t(lang, "broadcast.scheduled", id=broadcast.id,
                 audience=audience(lang, broadcast), time=when(lang, broadcast.scheduled_for, tz))
    if broadcast.state is BroadcastState.SENDING:
        return t(lang, "broadcast.progress", rate=f"{rate:.1f}", **numbers)
    if broadcast.state is BroadcastState.FINISHED:
        return t(lang, "broadcast.finished", **numbers)
    if broadcast.started_at is None:
        return t(lang, "broadcast.discarded", id=broadcast.id)
    return t(lang, "broadcast.cancelled", id=broadcast.id, sent=counts.sent,
             total=broadcast.total)


def listing(lang: str, views: Sequence[tuple[Broadcast, DeliveryCounts]],
            tz: tzinfo) -> tuple[Html, list[Broadcast]]:
    """/broadcasts, newest first: as many as fit, and which those are (for their buttons)."""
    if not views:
        return t(lang, "broadcast.none"), []
    entries = []
    for broadcast, counts in views:
        at = broadcast.scheduled_for or broadcast.started_at or broadcast.created_at
        text = shortened(broadcast.text.replace("\n", " "), PREVIEW_CHARS)
        entries.append("\n" + t(lang, "broadcast.list_item", id=broadcast.id,
                                state=t(lang, f"broadcast.state.{broadcast.state.value}"),
                                audience=audience(lang, broadcast), sent=counts.sent,
                                total=broadcast.total, time=when(lang, at, tz), text=text))
    head = [t(lang, "broadcast.list_title")]
    kept = newest_kept(lang, head, entries)
    return (Html("\n".join(newest_that_fit(lang, head, entries))),
            [broadcast for broadcast, _ in views[:kept]])


def outbox_report(lang: str, counts: DeliveryCounts, oldest: datetime | None,
                  failures: list[OutboxMessage], tz: tzinfo) -> Html:
    since = t(lang, "outbox.oldest", time=when(lang, oldest, tz)) if oldest else Html("")
    lines = [t(lang, "outbox.report", pending=counts.pending, oldest=since, sent=counts.sent,
               unreachable=counts.unreachable, failed=counts.failed,
               cancelled=counts.cancelled), "", t(lang, "outbox.failures_title")]
    entries = [t(lang, "outbox.failure", id=row.id, chat_id=row.chat_id, kind=row.kind,
                 state=row.state.value, error=shortened(row.last_error or "", ERROR_CHARS))
               for row in failures]
    if not failures:
        lines.append(t(lang, "outbox.no_failures"))
    return Html("\n".join(newest_that_fit(lang, lines, entries)))
