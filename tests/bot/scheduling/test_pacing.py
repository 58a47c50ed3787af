"""Per-platform pacing keeps bulk sends inside Discord's and Slack's limits, without sleeping."""

import asyncio

from bot.scheduling.pacing import MARGIN, Pacer


class FakeTime:
    """A monotonic clock that moves only when someone sleeps on it."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def busiest(times: list[float], seconds: float) -> int:
    """The most sends inside any window of the given length."""
    return max(sum(1 for t in times if start <= t < start + seconds) for start in times)


async def send_all(pacer: Pacer, clock: FakeTime, platform: str, channels: list[str]) -> list[float]:
    stamps = []
    for channel in channels:
        await pacer.wait(platform, channel)
        stamps.append(clock.now)
    return stamps


async def test_discord_dms_stay_under_forty_a_second_and_close_to_it():
    clock = FakeTime()
    pacer = Pacer(monotonic=clock.monotonic, sleep=clock.sleep)
    stamps = await send_all(pacer, clock, "discord", [f"dm:{i}" for i in range(400)])
    assert busiest(stamps, 1.0) <= 40
    assert 400 / stamps[-1] >= 0.9 * pacer.allowed_rate("discord")


async def test_one_discord_channel_gets_five_messages_per_five_seconds():
    clock = FakeTime()
    pacer = Pacer(monotonic=clock.monotonic, sleep=clock.sleep)
    stamps = await send_all(pacer, clock, "discord", ["general"] * 12)
    assert busiest(stamps, 5.0) == 5
    assert stamps[5] >= 5.0 and stamps[10] >= 10.0


async def test_slack_paces_each_channel_to_one_a_second_but_not_across_channels():
    clock = FakeTime()
    pacer = Pacer(monotonic=clock.monotonic, sleep=clock.sleep)
    same = await send_all(pacer, clock, "slack", ["C1"] * 3)
    assert same == [0.0, 1.0 + MARGIN, 2 * (1.0 + MARGIN)]
    before = clock.now
    await send_all(pacer, clock, "slack", ["C2", "C3", "C4"])
    assert clock.now == before


async def test_a_429_holds_the_whole_platform_and_the_console_is_never_paced():
    clock = FakeTime()
    pacer = Pacer(monotonic=clock.monotonic, sleep=clock.sleep)
    pacer.hold("discord", 2.5)
    await pacer.wait("discord", "dm:1")
    assert clock.now >= 2.5
    before = clock.now
    await send_all(pacer, clock, "console", ["general"] * 100)
    assert clock.now == before
    assert pacer.allowed_rate("console") is None
