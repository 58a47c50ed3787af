"""Draw the 12-week streak calendar as a PNG, and describe it in words."""

from __future__ import annotations

import io
from datetime import date, timedelta

from PIL import Image, ImageDraw

from bot.streaks import Mark

WEEKS = 12
CELL, GAP, LEFT, TOP = 22, 4, 34, 26
COLOURS = {
    Mark.MET: (46, 160, 67),
    Mark.FROZEN: (88, 166, 255),
    Mark.PAUSED: (170, 170, 170),
    Mark.COMPASSION: (191, 134, 252),
    Mark.MISSED: (230, 230, 230),
    None: (245, 245, 245),
}
SYMBOLS = {Mark.MET: "■", Mark.FROZEN: "❄", Mark.PAUSED: "‖", Mark.COMPASSION: "♥",
           Mark.MISSED: "·", None: "·"}
LEGEND = "■ counted  ❄ freeze used  ‖ paused  ♥ compassion  · no action"


def calendar_days(today: date) -> list[date]:
    """The days shown: whole weeks, Monday first, ending with this week."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    return [start + timedelta(days=i) for i in range(WEEKS * 7)]


def draw(marks: dict[date, Mark], today: date) -> bytes:
    """Render the calendar: one column per week, one row per weekday."""
    width = LEFT + WEEKS * (CELL + GAP) + 8
    height = TOP + 7 * (CELL + GAP) + 8
    image = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(image)
    for row, name in enumerate("MTWTFSS"):
        pen.text((10, TOP + row * (CELL + GAP) + 5), name, fill=(90, 90, 90))
    for index, day in enumerate(calendar_days(today)):
        if day > today:
            continue
        col, row = divmod(index, 7)
        x, y = LEFT + col * (CELL + GAP), TOP + row * (CELL + GAP)
        pen.rectangle((x, y, x + CELL, y + CELL), fill=COLOURS[marks.get(day)],
                      outline=(40, 40, 40) if day == today else None)
        if row == 0 and day.day <= 7:
            pen.text((x, 6), day.strftime("%b"), fill=(90, 90, 90))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def text_grid(marks: dict[date, Mark], today: date) -> str:
    """The same calendar as text: one line per weekday, oldest week on the left."""
    days = calendar_days(today)
    lines = []
    for row, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        cells = [SYMBOLS[marks.get(d)] if d <= today else " " for d in days[row::7]]
        lines.append(f"{name} {' '.join(cells)}")
    return "\n".join(lines)


def describe(marks: dict[date, Mark], today: date) -> str:
    """Alt text: what the picture shows, in one sentence."""
    shown = [d for d in calendar_days(today) if d <= today]
    counts = {mark: sum(1 for d in shown if marks.get(d) == mark) for mark in Mark}
    met = counts[Mark.MET]
    return (f"Streak calendar for the last {WEEKS} weeks: {met} {'day' if met == 1 else 'days'} counted, "
            f"{counts[Mark.FROZEN]} covered by a freeze, {counts[Mark.PAUSED]} paused and "
            f"{counts[Mark.COMPASSION]} covered by a compassion freeze.")
