"""Update lanes: one chat's conversation stays in order, decisions on different orders do not
queue behind each other."""

from __future__ import annotations

from telegram import Update

from bot.updates import ParsedUpdates, update_lane

STAFF_GROUP = -100123
CUSTOMER = 42


def message(update_id: int, chat: int, text: str) -> Update:
    return Update.de_json({"update_id": update_id, "message": {
        "message_id": update_id, "date": 0, "text": text,
        "chat": {"id": chat, "type": "private" if chat > 0 else "supergroup"},
        "from": {"id": CUSTOMER, "is_bot": False, "first_name": "A"}}}, None)


def press(update_id: int, chat: int, data: str) -> Update:
    return Update.de_json({"update_id": update_id, "callback_query": {
        "id": str(update_id), "chat_instance": "c", "data": data,
        "from": {"id": CUSTOMER, "is_bot": False, "first_name": "A"},
        "message": {"message_id": 1, "date": 0, "text": "card",
                    "chat": {"id": chat, "type": "private" if chat > 0 else "supergroup"}}}},
        None)


def test_messages_and_conversation_presses_wait_in_their_chats_lane():
    assert update_lane(message(1, CUSTOMER, "3.5")) == CUSTOMER
    assert update_lane(press(2, CUSTOMER, "size:small")) == CUSTOMER
    assert update_lane(press(3, CUSTOMER, "draft:confirm")) == CUSTOMER
    assert update_lane(press(4, CUSTOMER, "deliver:7")) == CUSTOMER  # a code is awaited next
    assert update_lane(press(5, CUSTOMER, "not:ours")) == CUSTOMER


def test_a_decision_waits_in_its_orders_lane_within_the_chat():
    approve_7 = update_lane(press(1, STAFF_GROUP, "approve:7"))
    assert approve_7 not in (STAFF_GROUP, None)
    assert update_lane(press(2, STAFF_GROUP, "reject:7")) == approve_7
    assert update_lane(press(3, STAFF_GROUP, "rejectwhy:7:busy")) == approve_7
    assert update_lane(press(4, STAFF_GROUP, "approve:8")) != approve_7
    assert update_lane(press(5, -100999, "approve:7")) != approve_7  # another chat
    assert update_lane(press(6, STAFF_GROUP, "oaccept:7")) != approve_7  # offer 7, not order 7


def test_parsed_updates_are_taken_once_and_the_oldest_go_first_past_the_limit():
    parsed = ParsedUpdates(limit=2)
    updates = [Update(update_id) for update_id in (1, 2, 3)]
    for update in updates:
        parsed.keep(update)
    assert parsed.take(1) is None  # pushed out by the third
    assert parsed.take(3) is updates[2]
    assert parsed.take(3) is None
    assert parsed.take(2) is updates[1]
