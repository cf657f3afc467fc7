"""Refusals, bad input and forged buttons get a plain reason and change nothing."""

from tests.e2e.conftest import Cast, approve, place_order


async def test_bad_wizard_answers_get_a_reason_and_the_same_question(cast: Cast):
    customer = cast.customer
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.send("enormous")
    again = await customer.wait_for("Please choose Small, Medium or Large")
    assert "What size" in again.text and again.buttons == ["Small", "Medium", "Large"]
    await customer.send("medium")
    await customer.wait_for("How much does it weigh")
    for answer, reason in [("abc", "as a number"), ("-1", "more than 0 kg"),
                           ("0", "more than 0 kg"), ("1e9", "as a number"),
                           ("1_0", "as a number"), ("99", "up to 30 kg")]:
        await customer.send(answer)
        refused = await customer.wait_for(reason)
        assert "How much does it weigh" in refused.text
    await customer.send("4")
    await customer.wait_for("pick it up")
    await customer.send("x" * 4096)
    refused = await customer.wait_for("That address is too long (at most 300 characters)")
    assert "pick it up" in refused.text
    await customer.send("Seoul Station")
    await customer.wait_for("Where should it go")
    await customer.share_location(37.4979, 127.0276)
    await customer.wait_for("phone number")
    await customer.send("call my friend")
    refused = await customer.wait_for("doesn't look like a phone number")
    assert "phone number?" in refused.text
    await customer.send("+82 10 1234 5678")
    await customer.wait_for("How will it be paid")
    await customer.send("/cancel")
    await customer.wait_for("Order discarded")
    await customer.send("hello?")
    await customer.wait_for("Send /order to place an order")


async def test_a_customer_sees_and_acts_on_their_own_orders_only(cast: Cast):
    number = await place_order(cast.customer)
    stranger = cast.stranger
    await stranger.send(f"/status {number}")
    await stranger.wait_for(f"Order #{number} is not yours")
    await stranger.send(f"/cancel {number}")
    await stranger.wait_for(f"Order #{number} is not yours")
    await stranger.send("/status 999")
    await stranger.wait_for("There is no order #999")
    await stranger.send("/status banana")
    await stranger.wait_for("Usage: /status N")
    await stranger.send("/status ²")  # read as the digit it stands for (NFKC), never a crash
    await stranger.wait_for("There is no order #2")
    await cast.customer.send(f"/status {number}")
    await cast.customer.wait_for(f"Order #{number} — waiting for approval")


async def test_people_without_the_role_are_refused(cast: Cast):
    number = await place_order(cast.customer)
    await cast.customer.send(f"/approve {number}")
    await cast.customer.wait_for("Only the store's staff can do that")
    await cast.customer.send("/pending")
    await cast.customer.wait_for("Only the store's staff can do that")
    await cast.customer.send("/jobs")
    await cast.customer.wait_for("Only approved riders can do that")
    await cast.staff.send(f"/accept {number}")
    await cast.staff.wait_for("Only approved riders can do that")
    await cast.rider.send(f"/received {number}")
    await cast.rider.wait_for(f"Order #{number} is not yours")


async def test_forged_buttons_are_checked_like_commands(cast: Cast):
    customer, staff = cast.customer, cast.staff
    number = await place_order(customer)
    some_message = customer.last
    answer = await customer.press_data(some_message, f"approve:{number}")
    assert answer.show_alert and "Only the store's staff" in answer.text
    answer = await customer.press_data(some_message, f"accept:{number}")
    assert "Only approved riders" in answer.text
    answer = await customer.press_data(some_message, "approve:1:extra")
    assert "no longer active" in answer.text
    answer = await customer.press_data(some_message, "drop table orders")
    assert "no longer active" in answer.text
    await customer.send(f"/status {number}")
    await customer.wait_for(f"Order #{number} — waiting for approval")

    # A stale button: the order was approved meanwhile, so Approve again is refused.
    alert = await staff.wait_for(f"New order #{number}")
    await approve(staff, number)
    answer = await staff.press("✅ Approve", message=alert)
    assert f"Order #{number} is approved, finding a rider; that cannot be done now" in answer.text


async def test_moving_an_old_live_location_does_not_answer_the_current_question(cast: Cast):
    customer = cast.customer
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press("Small")
    await customer.wait_for("How much")
    await customer.send("2")
    await customer.wait_for("pick it up")
    shared = await customer.share_location(37.5665, 126.978, live_period=600)
    await customer.wait_for("Where should it go")
    await customer.move_live_location(shared, 37.4979, 127.0276)  # an edited_message
    await customer.expect_nothing(within=0.5)
    await customer.send("Teheran-ro 152")
    await customer.wait_for("phone number")


async def test_a_stale_wizard_button_changes_nothing(cast: Cast):
    customer = cast.customer
    await customer.send("/order")
    question = await customer.wait_for("What size")
    await customer.press("Large", message=question)
    await customer.wait_for("How much does it weigh")
    answer = await customer.press_data(question, "size:small")
    assert "already answered" in answer.text
    await customer.send("3")
    await customer.wait_for("pick it up")


async def test_unknown_commands_and_stray_messages_get_a_hint(cast: Cast):
    await cast.customer.send("/dance")
    await cast.customer.wait_for("I don't know /dance. Send /help")
    await cast.customer.share_location(37.5, 127.0)
    await cast.customer.wait_for("I only need a location while you write an order")
    await cast.customer.send("/help")
    help_text = await cast.customer.wait_for("/order")
    assert "/approve" not in help_text.text and "/accept" not in help_text.text
    await cast.staff.send("/help")
    assert "/approve N" in (await cast.staff.wait_for("Store")).text
    await cast.rider.send("/help")
    assert "/accept N" in (await cast.rider.wait_for("Rider")).text


async def test_korean_speakers_get_korean_and_can_switch(emu, bot):
    jimin = emu.user(1500, "지민", language_code="ko")
    await jimin.send("/start")
    await jimin.wait_for("안녕하세요")
    await jimin.send("/order")
    await jimin.wait_for("크기")
    await jimin.send("/language en")
    await jimin.wait_for("Language set to English")
    await jimin.send("/order")
    await jimin.wait_for("What size")


async def test_a_shared_contact_answers_the_phone_question_and_only_that(cast: Cast):
    customer = cast.customer
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.share_contact("+82 10-9876-5432", "Bora")
    await customer.wait_for("Send a contact when I ask for a phone number")
    await customer.press("Small")
    await customer.wait_for("How much does it weigh")
    await customer.send("２.５ｋｇ")  # typed on a full-width keyboard
    await customer.wait_for("pick it up")
    await customer.send("\u200b\u200d")  # nothing visible
    await customer.wait_for("The address is empty")
    await customer.send("12 Sejong-daero")
    await customer.wait_for("Where should it go")
    await customer.send("Teheran-ro 152")
    await customer.wait_for("phone number")
    await customer.share_contact("+82 10-9876-5432", "Bora")
    await customer.wait_for("How will it be paid?")
    await customer.press("Cash on delivery")
    summary = await customer.wait_for("Recipient: 010-9876-5432")  # as Koreans write it
    assert "2.5 kg" in summary.text


async def test_long_typed_text_is_refused_or_echoed_cut_short(cast: Cast):
    """What people type never makes a reply too long: over a cap it is refused with the cap,
    and an unknown command is named cut short."""
    number = await place_order(cast.customer)
    await cast.staff.send(f"/reject {number} " + "😀" * 151)  # 302 UTF-16 units
    await cast.staff.wait_for("That reason is too long (at most 300 characters).")
    await cast.rider.send("/rider " + "😀" * 31)
    await cast.rider.wait_for("Please give a name of at most 60 characters")
    await cast.staff.send("/soldout " + "k" * 4000)
    await cast.staff.wait_for("Item keys are at most 32 characters.")
    await cast.customer.send("/" + "x" * 64)  # the longest command Telegram marks as one
    hint = await cast.customer.wait_for("I don't know /xxx")
    assert "x" * 33 not in hint.text and "…" in hint.text


async def test_a_group_that_is_not_the_stores_is_shown_nobodys_orders(emu, cast: Cast):
    customer, rider = cast.customer, cast.rider
    number = await place_order(customer)
    friends = emu.group(-1004440001111, "Friends")
    for person in (customer, rider):
        emu.add_member(friends, person)
    private = "That works in a private chat with me: message me there."
    for person, command in ((customer, f"/status@ppalli_bot {number}"),
                            (customer, "/orders@ppalli_bot"),
                            (customer, "/addresses@ppalli_bot"),
                            (rider, "/myjobs@ppalli_bot"),
                            (rider, "/jobs@ppalli_bot")):
        await person.send_to(friends, command)
        assert (await friends.wait_for("private chat")).text == private
    assert not [m for m in friends.inbox if "010-1234-5678" in m.text or "Sejong" in m.text]

    await customer.send_to(friends, "/start@ppalli_bot")
    hello = await friends.wait_for("Hello")
    answer = await customer.press("📋 My orders", message=hello)
    assert answer.text == private and answer.show_alert
    await customer.press("❓ Help", message=hello)  # what shows nobody's orders still works
    await friends.wait_for("/order — place a delivery order")
    await customer.send(f"/status {number}")  # privately, as ever
    await customer.wait_for(f"Order #{number} — ")
