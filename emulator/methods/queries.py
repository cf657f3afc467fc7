"""Answering what people asked: callback queries and pre-checkout queries, each once and
before its deadline (see ``PendingQuery``)."""

import time

from emulator.errors import QUERY_TOO_OLD, bad_request
from emulator.models import CallbackAnswer, PreCheckoutAnswer
from emulator.params import Params
from emulator.state import State
from emulator.transcript import Entry

MAX_ANSWER_LENGTH = 200


async def answer_callback_query(state: State, params: Params) -> bool:
    query = state.callback_queries.get(params.text("callback_query_id") or "")
    if query is None or not query.is_open():
        raise bad_request(QUERY_TOO_OLD)
    text = params.text("text") or None
    if text is not None and len(text) > MAX_ANSWER_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    show_alert = params.flag("show_alert")
    answer = CallbackAnswer(text, show_alert, params.text("url"), at=time.monotonic())
    query.answer.set_result(answer)
    if text is not None:
        user = query.user
        kind = "alert" if show_alert else "answered"
        state.transcript.append(Entry(kind, user["id"], user["first_name"], text=text))
    return True


async def answer_pre_checkout_query(state: State, params: Params) -> bool:
    query = state.checkout_queries.get(params.text("pre_checkout_query_id") or "")
    if query is None or not query.is_open():  # a dropped checkout is as unknown as a wrong id
        raise bad_request("QUERY_ID_INVALID")
    if params.raw("ok") is None:
        raise bad_request("ok is empty")
    ok = params.flag("ok")
    error_message = params.text("error_message")
    if not ok and not error_message:
        raise bad_request("error_message is empty")
    query.answer.set_result(PreCheckoutAnswer(ok, None if ok else error_message))
    return True
