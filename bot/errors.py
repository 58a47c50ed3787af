"""Errors the core turns into friendly replies instead of tracebacks."""


class InputError(Exception):
    """Something a member typed cannot be used; the message says what is allowed."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(Exception):
    """The member may not use this command (an admin-only command, for example)."""
