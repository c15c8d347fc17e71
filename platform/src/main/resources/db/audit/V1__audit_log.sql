-- The audit log: append-only. The application inserts and selects; a trigger refuses every update, and every
-- delete of a row younger than the legal minimum of retention (183 days), whatever the application's setting.
create table audit_log (
    id              bigserial    primary key,
    recorded_at     timestamptz  not null default now(),
    subject         text,
    client          text,
    department      text,
    unit            text,
    method          text         not null,
    path            text         not null,
    action          text,
    status          integer      not null,
    outcome         text         not null,
    reason          text,
    target          text,
    idempotency_key text,
    event_ids       text[],
    source_address  text,
    forwarded_for   text,
    body_bytes      bigint       not null default 0,
    body_sm3        text
);
create index audit_log_recorded_at on audit_log (recorded_at);
create index audit_log_target on audit_log (target);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        raise exception 'audit_log is append-only: rows are never updated';
    end if;
    if tg_op = 'TRUNCATE' then
        raise exception 'audit_log is append-only: it is never truncated';
    end if;
    if old.recorded_at > now() - interval '183 days' then
        raise exception 'audit_log keeps every row for at least 183 days (row % is younger)', old.id;
    end if;
    return old;
end $$;

create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_young_rows_stay before delete on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();
