"""A re-run's answer names the order the skipped work was about, from the error or else
from the command or button itself."""

from telegram import Update

from domain.errors import AlreadyApplied, InvalidAnswer, InvalidTransition
from handlers.replay import touched_orders

USER = {"id": 3001, "is_bot": False, "first_name": "Hyun"}


def typed(text: str) -> Update:
    return Update.de_json({"update_id": 1, "message": {
        "message_id": 1, "date": 0, "text": text, "from": USER,
        "chat": {"id": 3001, "type": "private"}}}, None)


def pressed(data: str) -> Update:
    return Update.de_json({"update_id": 1, "callback_query": {
        "id": "1", "chat_instance": "c", "data": data, "from": USER,
        "message": {"message_id": 1, "date": 0, "text": "card",
                    "chat": {"id": 3001, "type": "private"}}}}, None)


def test_the_orders_the_skipped_work_touched_come_first():
    assert touched_orders(AlreadyApplied(orders=[4, 9]), typed("/accept 7")) == [4, 9]
    assert touched_orders(InvalidTransition(number=5), typed("/accept 7")) == [5]


def test_else_the_order_a_command_or_button_names():
    refusal = InvalidAnswer("offer_gone")
    assert touched_orders(refusal, typed("/accept 7")) == [7]
    assert touched_orders(refusal, typed("/deliver@ppalli_bot #12 4821")) == [12]
    assert touched_orders(refusal, pressed("approve:7")) == [7]


def test_numbers_that_are_not_orders_are_not_taken_for_one():
    refusal = InvalidAnswer("no_draft")
    assert touched_orders(refusal, typed("/suspend 3002")) == []  # a rider's id
    assert touched_orders(refusal, pressed("dconfirm:123456")) == []  # a draft's version
    assert touched_orders(refusal, pressed("oaccept:3")) == []  # an offer's id
    assert touched_orders(refusal, typed("2.5")) == []
