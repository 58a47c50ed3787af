"""Choosing content: tips that fit the moment and channel posts that don't repeat."""

from bot.content.choose import Moment, choose_post, choose_tip
from bot.content.library import load_library

LIBRARY = load_library()


def walk_posts(weekday: str, seed: object, times: int) -> list[tuple[str, bool]]:
    seen: set[str] = set()
    picked = []
    for _ in range(times):
        post, used_up = choose_post(LIBRARY.posts, seen, weekday, seed)
        if used_up:
            seen.clear()
        seen.add(post.id)
        picked.append((post.id, used_up))
    return picked


def test_channel_posts_fit_the_day_and_do_not_repeat_until_the_pool_is_used_up():
    pool = [p for p in LIBRARY.posts if "fri" in p.weekdays]
    picked = walk_posts("fri", ("community", 7), len(pool) + 1)
    first_round = [post_id for post_id, _ in picked[:-1]]
    assert sorted(first_round) == sorted(p.id for p in pool)
    assert not any(used_up for _, used_up in picked[:-1]) and picked[-1][1]
    fridays = {p.id for p in pool if p.weekdays == ("fri",)}
    assert set(first_round[:len(fridays)]) == fridays


def test_posts_are_reproducible_and_differ_between_communities():
    assert walk_posts("wed", 1, 10) == walk_posts("wed", 1, 10)
    assert walk_posts("wed", 1, 10) != walk_posts("wed", 2, 10)


def test_a_tip_avoids_what_the_moment_holds_back_and_the_last_topic():
    moment = Moment(frozenset({"fresh", "mood:low"}), ("wellbeing", "mindset"),
                    frozenset({"keep-applying"}), last_topic="wellbeing")
    tip, used_up = choose_tip(LIBRARY.tips, set(), None, moment, 1)
    assert tip.topic == "mindset" and not used_up
    assert "keep-applying" not in tip.tags
    everything = {t.id for t in LIBRARY.tips}
    _, used_up = choose_tip(LIBRARY.tips, everything, "momentum", Moment(), 1)
    assert used_up
