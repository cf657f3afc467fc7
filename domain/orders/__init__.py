"""The order: its state machine, events, placing and cancelling, and who is told what."""
