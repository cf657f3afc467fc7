"""Announcements from the store to every customer, every rider, or both."""
