-- Rule sets added through the API (the built-in ones ship as files in the jar). Immutable once added: a form
-- evaluated under a rule set must mean the same thing tomorrow.
create table rule_set (
    id         varchar(40) not null primary key,
    definition jsonb       not null,
    added_at   timestamp(6) with time zone not null default now()
);

-- The form lists indicators in the order they were defined: the defining event's sequence in its stream.
alter table indicator add column position bigint;
