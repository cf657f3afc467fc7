"""`ppalli demo` plays a whole order in English or Korean and ends with what each person
received; its waits follow the catalog, so it keeps working when the copy changes."""

import pytest

from bot.demo import run_demo
from emulator.transcript import Entry, received
from views.i18n import t

pytestmark = pytest.mark.usefixtures("restore_logging")  # the demo configures logging


@pytest.mark.parametrize("lang, customer", [("en", "Minji (customer)"), ("ko", "민지 (손님)")])
async def test_the_demo_completes_an_order_and_counts_what_each_person_received(
    lang, customer, capsys
):
    assert await run_demo(lang=lang) == 0
    shown = capsys.readouterr().out
    assert t(lang, "timeline.completed").split()[0] in shown
    tail = shown.split("What each person received:")[1]
    assert f"{customer}: " in tail and " new messages, " in tail


def test_received_counts_new_messages_edits_and_answers_per_chat():
    entries = [Entry("sent", 1, "A"), Entry("edited", 1, "A"), Entry("buttons", 1, "A"),
               Entry("answered", 1, "A", text="ok"), Entry("typed", 1, "A", actor_id=1),
               Entry("sent", 2, "B"), Entry("deleted", 2, "B")]
    counts = received(entries)
    assert (counts[1].messages, counts[1].edits, counts[1].answers) == (1, 2, 1)
    assert (counts[2].messages, counts[2].edits, counts[2].answers) == (1, 0, 0)


async def test_the_menu_demo_answers_the_address_question_with_a_saved_address(capsys):
    assert await run_demo(menu=True) == 0
    shown = capsys.readouterr().out
    assert "Or tap one you used before." in shown
    assert "pressed [📍 Shared location · " in shown
