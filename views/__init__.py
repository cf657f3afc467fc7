"""Presentation shared by the chat handlers and the notifier: texts, buttons, order views."""
