"""The gate's choice of which updates the bot hears (handlers/gate.heard)."""

from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from handlers.gate import heard

STORE_GROUP = -4242
STAFF = User(7, "Jisoo", is_bot=False)


def service_message(chat: Chat, **fields: int) -> Update:
    message = Message(1, datetime(2026, 12, 4, tzinfo=UTC), chat, from_user=STAFF, **fields)
    return Update(100, message=message)


def test_the_new_supergroup_of_the_store_group_is_heard_before_the_move_is_recorded():
    """Its service message is the first update of its chat; a command after it in that chat
    must find the move recorded, whatever became of the old chat's message."""
    supergroup = Chat(-1004242, Chat.SUPERGROUP, title="Dispatch desk")
    update = service_message(supergroup, migrate_from_chat_id=STORE_GROUP)
    assert heard(update, "ppalli_bot", frozenset({STORE_GROUP}))


def test_a_move_of_another_group_is_not_heard():
    supergroup = Chat(-1009999, Chat.SUPERGROUP, title="Book club")
    update = service_message(supergroup, migrate_from_chat_id=-9999)
    assert not heard(update, "ppalli_bot", frozenset({STORE_GROUP}))


def test_the_old_store_group_telling_of_its_move_is_heard():
    group = Chat(STORE_GROUP, Chat.GROUP, title="Dispatch desk")
    update = service_message(group, migrate_to_chat_id=-1004242)
    assert heard(update, "ppalli_bot", frozenset({STORE_GROUP}))
