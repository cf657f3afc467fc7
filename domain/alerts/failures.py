"""An alert that could not be delivered is reported to the admins: never silently lost."""

from __future__ import annotations

from datetime import datetime

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import OutboxMessage

# Not reported when they fail: reports to the admins (one that fails is not reported again),
# and the customer's map of the rider, which moves every few seconds (nothing for an admin
# to act on, and a report per move would flood them; the next move tries again).
NOT_REPORTED = frozenset({AlertKind.DELIVERY_FAILED, AlertKind.OUTAGE_STARTED,
                          AlertKind.OUTAGE_ENDED, AlertKind.RIDER_LOCATION,
                          AlertKind.RIDER_LOCATION_END})


def failure_alerts(
    message: OutboxMessage, admin_ids: frozenset[int], at: datetime
) -> list[OutboxMessage]:
    """The admins hear of an alert that failed for good. Broadcast messages are counted in
    their broadcast's report instead, and a failed report to the admins (of a failure, of an
    outage) is not reported again."""
    if not message.is_alert or message.kind in NOT_REPORTED:
        return []
    params = {"chat_id": message.chat_id, "kind": message.kind.value,
              "number": message.order_number, "error": message.last_error or ""}
    return [
        OutboxMessage(admin, AlertKind.DELIVERY_FAILED, at, params,
                      order_number=message.order_number)
        for admin in sorted(admin_ids)
        if admin != message.chat_id
    ]
