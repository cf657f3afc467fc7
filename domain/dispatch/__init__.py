"""Riders and their jobs: duty, offers and who is next, taking a job, the handover."""
