-- Jobs that run once per interval across every instance (the retention purge): an instance runs
-- one when its conditional UPDATE moves next_run_at on from a time already past; the others find
-- it moved and skip the round.
CREATE TABLE scheduled_runs (
    name        VARCHAR(64)              NOT NULL PRIMARY KEY,
    next_run_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_by VARCHAR(100)
);
INSERT INTO scheduled_runs (name, next_run_at) VALUES ('retention-purge', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00:00');
