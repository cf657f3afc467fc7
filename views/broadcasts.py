"""How broadcasts and the outbox read to admins."""

from __future__ import annotations

from datetime import datetime, tzinfo

from domain.alerts.outbox import DeliveryCounts, OutboxMessage
from domain.broadcasts.model import Broadcast, BroadcastState
from views.i18n import Html, t

PREVIEW_CHARS = 60


def when(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def audience(lang: str, broadcast: Broadcast) -> Html:
    return t(lang, f"broadcast.audience.{broadcast.audience.value}")


def preview(lang: str, broadcast: Broadcast, recipients: int, tz: tzinfo) -> Html:
    scheduled = (
        t(lang, "broadcast.when", time=when(broadcast.scheduled_for, tz))
        if broadcast.scheduled_for else Html("")
    )
    return t(lang, "broadcast.preview", id=broadcast.id, audience=audience(lang, broadcast),
             recipients=recipients, when=scheduled, text=broadcast.text)


def status(lang: str, broadcast: Broadcast, counts: DeliveryCounts, tz: tzinfo,
           rate: float = 0.0) -> Html:
    """One line for the progress message: what state it is in, with its counts."""
    numbers = {"id": broadcast.id, "sent": counts.sent, "total": broadcast.total,
               "unreachable": counts.unreachable, "failed": counts.failed}
    if broadcast.state is BroadcastState.SCHEDULED:
        assert broadcast.scheduled_for is not None
        return t(lang, "broadcast.scheduled", id=broadcast.id,
                 audience=audience(lang, broadcast), time=when(broadcast.scheduled_for, tz))
    if broadcast.state is BroadcastState.SENDING:
        return t(lang, "broadcast.progress", rate=f"{rate:.1f}", **numbers)
    if broadcast.state is BroadcastState.FINISHED:
        return t(lang, "broadcast.finished", **numbers)
    if broadcast.started_at is None:
        return t(lang, "broadcast.discarded", id=broadcast.id)
    return t(lang, "broadcast.cancelled", id=broadcast.id, sent=counts.sent,
             total=broadcast.total)


def listing(lang: str, views: list[tuple[Broadcast, DeliveryCounts]], tz: tzinfo) -> Html:
    if not views:
        return t(lang, "broadcast.none")
    lines = [t(lang, "broadcast.list_title")]
    for broadcast, counts in views:
        moment = broadcast.scheduled_for or broadcast.started_at or broadcast.created_at
        text = broadcast.text.replace("\n", " ")
        if len(text) > PREVIEW_CHARS:
            text = text[: PREVIEW_CHARS - 1] + "…"
        lines.append(t(lang, "broadcast.list_item", id=broadcast.id,
                       state=t(lang, f"broadcast.state.{broadcast.state.value}"),
                       audience=audience(lang, broadcast), sent=counts.sent,
                       total=broadcast.total, time=when(moment, tz), text=text))
    return Html("\n\n".join(lines))


def outbox_report(lang: str, counts: DeliveryCounts, oldest: datetime | None,
                  failures: list[OutboxMessage], tz: tzinfo) -> Html:
    since = t(lang, "outbox.oldest", time=when(oldest, tz)) if oldest else Html("")
    lines = [t(lang, "outbox.report", pending=counts.pending, oldest=since, sent=counts.sent,
               unreachable=counts.unreachable, failed=counts.failed,
               cancelled=counts.cancelled), "", t(lang, "outbox.failures_title")]
    for row in failures:
        lines.append(t(lang, "outbox.failure", id=row.id, chat_id=row.chat_id, kind=row.kind,
                       state=row.state.value, error=(row.last_error or "")[:200]))
    if not failures:
        lines.append(t(lang, "outbox.no_failures"))
    return Html("\n".join(lines))
