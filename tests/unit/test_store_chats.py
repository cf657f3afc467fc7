"""A store chat the bot cannot post in: the admins hear of it once, and of its return once;
the store's messages meant for it go to each admin instead; and what Telegram says is read
as the right reason."""

from telegram import ChatMemberAdministrator, ChatMemberLeft, ChatMemberRestricted, User
from telegram.error import BadRequest, Forbidden, NetworkError

from domain.alerts.chats import Lost, lost_chats, note_back, note_lost, redirected
from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import OutboxMessage
from handlers.membership import cannot_post
from notifier.sender import store_chat_refusal
from tests.fakes import FakeClock, FakeOutbox, FakeStore

ADMINS = frozenset({8, 7})
DESK = -1001234567890
BOT = User(123456, "Ppalli", is_bot=True)


async def test_the_admins_hear_once_that_the_desk_is_lost_and_once_that_it_is_back():
    outbox, now = FakeOutbox(FakeStore()), FakeClock().now()
    told = await note_lost(outbox, DESK, Lost.NO_RIGHTS, ADMINS, now)
    assert [(m.chat_id, m.kind, m.params) for m in told] == [
        (7, AlertKind.STORE_CHAT_LOST, {"why": "no_rights"}),
        (8, AlertKind.STORE_CHAT_LOST, {"why": "no_rights"})]
    assert await note_lost(outbox, DESK, Lost.REMOVED, ADMINS, now) == []
    assert await lost_chats(outbox, [DESK, DESK, -42, 1001]) == {DESK}

    back = await note_back(outbox, DESK, ADMINS, now)
    assert [(m.chat_id, m.kind) for m in back] == [(7, AlertKind.STORE_CHAT_BACK),
                                                   (8, AlertKind.STORE_CHAT_BACK)]
    assert await note_back(outbox, DESK, ADMINS, now) == []
    assert await lost_chats(outbox, [DESK]) == set()


def test_a_message_for_a_lost_desk_is_copied_to_each_admin_with_its_order():
    now = FakeClock().now()
    message = OutboxMessage(DESK, AlertKind.NEW_ORDER, now, {"number": 5, "price": 4000},
                            order_number=5)
    copies = redirected(message, ADMINS, now)
    assert [(m.chat_id, m.kind, m.params, m.order_number) for m in copies] == [
        (7, AlertKind.NEW_ORDER, {"number": 5, "price": 4000}, 5),
        (8, AlertKind.NEW_ORDER, {"number": 5, "price": 4000}, 5)]
    copies[0].params["number"] = 6
    assert message.params["number"] == 5  # each copy has parameters of its own


def test_telegrams_refusals_from_a_group_say_why_the_desk_is_lost():
    assert store_chat_refusal(DESK, Forbidden("Forbidden: bot was kicked from the supergroup "
                                              "chat")) is Lost.REMOVED
    assert store_chat_refusal(DESK, BadRequest("Bad Request: not enough rights to send text "
                                               "messages to the chat")) is Lost.NO_RIGHTS
    assert store_chat_refusal(DESK, BadRequest("Bad Request: chat not found")) is Lost.UNKNOWN
    assert store_chat_refusal(DESK, BadRequest("Bad Request: message is too long")) is None
    assert store_chat_refusal(DESK, NetworkError("timed out")) is None
    # A person's private chat is never a store chat: blocking the bot is not "lost".
    assert store_chat_refusal(1001, Forbidden("Forbidden: bot was blocked by the user")) is None


def test_the_bots_standing_in_a_group_says_whether_it_can_post():
    rights = dict(can_change_info=False, can_invite_users=False, can_pin_messages=False,
                  can_send_polls=False, can_send_other_messages=False,
                  can_add_web_page_previews=False, can_manage_topics=False,
                  can_send_audios=False, can_send_documents=False, can_send_photos=False,
                  can_send_videos=False, can_send_video_notes=False, can_send_voice_notes=False,
                  can_edit_tag=False, can_react_to_messages=False, until_date=None)
    muted = ChatMemberRestricted(BOT, is_member=True, can_send_messages=False, **rights)
    gone = ChatMemberRestricted(BOT, is_member=False, can_send_messages=True, **rights)
    talking = ChatMemberRestricted(BOT, is_member=True, can_send_messages=True, **rights)
    assert cannot_post(ChatMemberLeft(BOT)) is Lost.REMOVED
    assert cannot_post(muted) is Lost.NO_RIGHTS
    assert cannot_post(gone) is Lost.REMOVED
    assert cannot_post(talking) is None
    admin = ChatMemberAdministrator(BOT, can_be_edited=False, is_anonymous=False,
                                    can_manage_chat=True, can_delete_messages=True,
                                    can_manage_video_chats=True, can_restrict_members=True,
                                    can_promote_members=False, can_change_info=True,
                                    can_invite_users=True, can_post_stories=False,
                                    can_edit_stories=False, can_delete_stories=False)
    assert cannot_post(admin) is None
