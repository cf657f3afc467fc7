"""A re-run's answer names the order the skipped work was about, from the error or else
from the command or button itself."""

from telegram import Update

from domain.shared.errors import AlreadyApplied, InvalidAnswer, InvalidTransition
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


def test_the_order_the_command_or_button_names_comes_first():
    # the skipped work read order 4 too (the rider's other job): the rider asked about 7
    assert touched_orders(AlreadyApplied(orders=[4, 7]), typed("/accept 7")) == [7]
    assert touched_orders(InvalidAnswer("offer_gone"), typed("/deliver@ppalli_bot #12 4821")) \
        == [12]
    assert touched_orders(InvalidTransition(number=7), pressed("approve:7")) == [7]


def test_else_the_orders_the_error_names():
    assert touched_orders(AlreadyApplied(orders=[9]), pressed("dconfirm:123456")) == [9]
    assert touched_orders(InvalidTransition(number=5), typed("2.5")) == [5]


def test_numbers_that_are_not_orders_are_not_taken_for_one():
    refusal = InvalidAnswer("no_draft")
    assert touched_orders(refusal, typed("/suspend 3002")) == []  # a rider's id
    assert touched_orders(refusal, pressed("dconfirm:123456")) == []  # a draft's version
    assert touched_orders(refusal, pressed("oaccept:3")) == []  # an offer's id
    assert touched_orders(refusal, typed("2.5")) == []
