"""How "Order again" reads: what changed since the order rebuilt, above its next question."""

from __future__ import annotations

from collections.abc import Sequence

from domain.orders.again import Change
from views.i18n import Html, how_many_fit, t, utf16_length
from views.words import price

# The changes, at most: the question under them (a full cart, when the counter no longer
# hands over and delivery must be chosen) needs the rest of the message.
CHANGES_BUDGET = 800


def changes_text(lang: str, number: int, changes: Sequence[Change]) -> Html:
    """"🔁 Order #12 again…", then a line per change (the first that fit, "… and K more"),
    or that nothing changed."""
    head = t(lang, "again.title", number=number)
    if not changes:
        return Html(f"{head}\n{t(lang, 'again.same')}")
    entries = [t(lang, f"again.{change.kind.value}", item=change.item,
                 price=price(lang, change.price), was=price(lang, change.was), left=change.left)
               for change in changes]
    kept = how_many_fit(lang, utf16_length(head), entries, CHANGES_BUDGET)
    more = [t(lang, "list.more", count=len(entries) - kept)] if kept < len(entries) else []
    return Html("\n".join([head, *entries[:kept], *more]))
