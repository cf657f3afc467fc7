"""Delivers the outbox: renders each alert in the reader's language and sends it."""
