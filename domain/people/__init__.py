"""Who is talking to the bot: users, their language, whether the bot can reach them, the staff."""
