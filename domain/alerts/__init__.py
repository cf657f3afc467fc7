"""Alerts owed to people: every kind, the outbox row, failed alerts and outages."""
