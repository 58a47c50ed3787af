-- Rebound schema, version 3: the care a member is offered after crisis language.
-- One row per member who got a care reply in the past day: when the last full
-- reply went out (at most one an hour), when they asked for a person (so the
-- care channel hears once, not once per press), and, for one hour only, the
-- words they wrote, held so that they can choose to save them or share them
-- with the care team. Unsaved words are cleared when the hour is up or as soon
-- as the member chooses; nothing is kept unless they ask. ``created_at`` is when
-- the held words were written (NULL when none are held).

CREATE TABLE care_state (
    member_id   INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    replied_at  TEXT NOT NULL,
    asked_at    TEXT,
    command     TEXT,
    held        TEXT,
    created_at  TEXT
);
CREATE INDEX care_state_held ON care_state (created_at) WHERE created_at IS NOT NULL;
