"""Options shared by several commands, declared once so limits never drift apart."""

from bot.commands.spec import Option, OptionKind

ACTIVITIES = ("applied", "networked", "practiced", "learned", "followed_up", "interviewed")


def feeling(required: bool = False) -> Option:
    """How the member feels, 1 (awful) to 5 (great)."""
    return Option("feeling", "How you feel, from 1 (awful) to 5 (great)", OptionKind.INTEGER,
                  required=required, min_value=1, max_value=5, label="Feeling (1–5)")


def note(limit: int = 1000) -> Option:
    """A private free-text note."""
    return Option("note", "A private note, only you can see it", max_length=limit,
                  multiline=True, label="Note (private)")


def company() -> Option:
    return Option("company", "The company’s name", max_length=100)


def role() -> Option:
    return Option("role", "The role you applied for", max_length=100)


def activity(required: bool = True) -> Option:
    return Option("activity", "What you did", OptionKind.CHOICE, required=required,
                  choices=ACTIVITIES)
