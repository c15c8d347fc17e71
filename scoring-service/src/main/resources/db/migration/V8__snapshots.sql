-- Quarterly snapshots: every form of a fiscal year (all departments, or one) frozen as of the quarter's last day
-- and as known at a time. content is the canonical JSON of those forms (UTF-8); digest its SM3, hex. positions
-- are the consumer's offsets when it was taken (which part of each stream the read model held). A snapshot never
-- changes: the trigger below refuses every update and delete.
create table snapshot (
    id            varchar(64)  primary key,
    quarter       varchar(7)   not null,
    department    text,
    as_of         date         not null,
    known_at      timestamp(6) with time zone not null,
    taken_at      timestamp(6) with time zone not null,
    taken_by      text         not null,
    automatic     boolean      not null,
    positions     jsonb        not null,
    project_years integer      not null,
    digest        char(64)     not null,
    content       bytea        not null
);

-- one automatic snapshot per quarter and department, whichever instance takes it first
create unique index snapshot_automatic_once on snapshot (quarter, coalesce(department, '')) where automatic;
create index snapshot_quarter on snapshot (quarter, taken_at);

create function snapshot_never_changes() returns trigger language plpgsql as $$
begin
    raise exception 'a snapshot never changes (%)', tg_op;
end $$;

create trigger snapshot_frozen before update or delete on snapshot
    for each row execute function snapshot_never_changes();
create trigger snapshot_not_truncated before truncate on snapshot
    for each statement execute function snapshot_never_changes();
