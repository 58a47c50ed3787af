"""Rebound's own schedule: encouragement posts, personal nudges and the weekly thread.

Start it with :func:`bot.scheduling.scheduler.start`; see that module for the
shape (two interval jobs over an outbox in SQLite) and why.
"""
