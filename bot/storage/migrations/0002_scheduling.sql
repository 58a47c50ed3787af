-- Rebound schema, version 2: scheduled posts, personal nudges and weekly accountability.
-- The outbox (version 1) stays the one record of everything sent on the bot's own
-- initiative; these columns let it retry with backoff, hold messages through quiet
-- hours and count a member's direct messages per local day.

ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;  -- retry or end of quiet hours
ALTER TABLE outbox ADD COLUMN day TEXT;              -- member's local day, for the daily DM limit
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;       -- the process that is sending it
CREATE INDEX outbox_member_day ON outbox (member_id, day);

-- Planning finds members whose nudge time falls in a minute, zone by zone.
-- 10:00 is the nudge time of members who turned nudges on without choosing one
-- (bot.scheduling.nudges.DEFAULT_TIME must say the same).
CREATE INDEX members_nudge_zone ON members (timezone, COALESCE(reminder_time, '10:00'))
    WHERE nudges = 1;
CREATE INDEX members_nudge_community ON members (community_id, COALESCE(reminder_time, '10:00'))
    WHERE nudges = 1 AND timezone IS NULL;
CREATE INDEX rejections_member_day ON rejections (member_id, day);
CREATE INDEX checkins_member_day ON checkins (member_id, day);

-- Members who asked to be mentioned in the weekly check-in and named in the recap.
CREATE TABLE accountability_members (
    member_id     INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    joined_at     TEXT NOT NULL
);
CREATE INDEX accountability_members_community ON accountability_members (community_id);

-- That a member posted goals in a week's thread; the words live only in the thread.
CREATE TABLE accountability_goals (
    member_id     INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    week          TEXT NOT NULL,
    posted_at     TEXT NOT NULL,
    PRIMARY KEY (member_id, week)
);

-- The thread opened for each community and ISO week.
CREATE TABLE accountability_threads (
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    week          TEXT NOT NULL,
    channel_id    TEXT NOT NULL,
    thread_id     TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    PRIMARY KEY (community_id, week)
);

-- Encouragement posts already used in a community: no repeats until the pool is used up.
CREATE TABLE posts_used (
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    post_id       TEXT NOT NULL,
    used_at       TEXT NOT NULL,
    PRIMARY KEY (community_id, post_id)
);

-- Small facts the scheduler keeps between runs (the last moment planned, the last gap).
CREATE TABLE scheduler_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
