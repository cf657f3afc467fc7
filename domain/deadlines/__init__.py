"""The sweep that fires timed rules: offer timeouts, reminders, expiries."""
