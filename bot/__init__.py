"""The composition root: settings, wiring, the command line."""
