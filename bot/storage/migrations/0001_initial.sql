-- Rebound schema, version 1. Times are UTC ISO-8601 text; days are local ISO dates.
-- Every table about a person has a member_id that cascades on delete, so
-- `privacy delete` and `privacy export` can cover every table generically.

CREATE TABLE communities (
    id            INTEGER PRIMARY KEY,
    platform      TEXT NOT NULL,
    workspace_id  TEXT NOT NULL,
    timezone      TEXT NOT NULL DEFAULT 'UTC',
    created_at    TEXT NOT NULL,
    UNIQUE (platform, workspace_id)
);

CREATE TABLE community_config (
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);

CREATE TABLE members (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    platform_user_id  TEXT NOT NULL,
    display_name      TEXT NOT NULL DEFAULT '',
    timezone          TEXT,
    day_start         INTEGER NOT NULL DEFAULT 0,
    reminder_time     TEXT,
    quiet_hours       TEXT,
    nudges            INTEGER NOT NULL DEFAULT 0,
    pause_until       TEXT,
    compassion_until  TEXT,
    crisis_until      TEXT,
    dm_channel_id     TEXT,
    dm_blocked_at     TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (community_id, platform_user_id)
);

CREATE TABLE rejections (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    company         TEXT,
    role            TEXT,
    stage           TEXT NOT NULL,
    feeling         INTEGER,
    note            TEXT,
    day             TEXT NOT NULL,
    followed_up_at  TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX rejections_member ON rejections (member_id, created_at);

CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    feeling     INTEGER NOT NULL,
    note        TEXT,
    day         TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX checkins_member ON checkins (member_id, created_at);

CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    activity    TEXT NOT NULL,
    count       INTEGER NOT NULL,
    day         TEXT NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX activities_member ON activities (member_id, day);

-- Running totals per member, day and activity: incremented in one statement.
CREATE TABLE day_totals (
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    activity   TEXT NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (member_id, day, activity)
);

CREATE TABLE goals (
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    activity    TEXT NOT NULL,
    target      INTEGER NOT NULL,
    period      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (member_id, activity)
);

-- Incremental streak state; `last_unit` is a day ordinal (or week ordinal).
CREATE TABLE streaks (
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    current     INTEGER NOT NULL DEFAULT 0,
    best        INTEGER NOT NULL DEFAULT 0,
    freezes     INTEGER NOT NULL DEFAULT 0,
    earned      INTEGER NOT NULL DEFAULT 0,
    last_unit   INTEGER,
    PRIMARY KEY (member_id, key)
);

-- Why each day (or week) counted: met, frozen, paused, compassion or missed.
CREATE TABLE streak_marks (
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    unit       INTEGER NOT NULL,
    status     TEXT NOT NULL,
    PRIMARY KEY (member_id, key, unit)
);

CREATE TABLE content_seen (
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (member_id, kind, item_id)
);

CREATE TABLE reflections (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    went_well   TEXT,
    hard        TEXT,
    next_steps  TEXT,
    feeling     TEXT,
    company     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX reflections_member ON reflections (member_id, created_at);

CREATE TABLE wins (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    day         TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Everything the bot will send later, with a de-duplication key so a restart
-- never sends the same message twice.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    dedup_key     TEXT NOT NULL UNIQUE,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    member_id     INTEGER REFERENCES members(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    target        TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '{}',
    due_at        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending',
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    sent_at       TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, due_at);

-- Crisis replies are counted per community and day, never with text or a member.
CREATE TABLE crisis_counts (
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    day           TEXT NOT NULL,
    count         INTEGER NOT NULL,
    PRIMARY KEY (community_id, day)
);
