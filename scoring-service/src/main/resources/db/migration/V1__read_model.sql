-- The read model of scoring-service: what budget-service and indicator-service published, per project-year.

-- One row per applied event. The primary key is the deduplication key: a redelivered record hits it and
-- changes nothing. stream is 'budget' or 'indicator' (each producer numbers its own stream per project).
create table applied_event (
    stream        varchar(16)  not null check (stream in ('budget', 'indicator')),
    project_id    varchar(80)  not null,
    sequence      bigint       not null,
    event_id      varchar(64)  not null unique,
    event_type    varchar(80)  not null,
    business_date date,
    recorded_at   timestamptz,
    applied_at    timestamptz  not null default now(),
    primary key (stream, project_id, sequence)
);

-- The next offset to read per partition, committed in the same transaction as the read model it produced.
create table consumer_position (
    topic       varchar(249) not null,
    partition   integer      not null,
    next_offset bigint       not null,
    updated_at  timestamptz  not null default now(),
    primary key (topic, partition)
);

create table project_year (
    project_id        varchar(80)  primary key,
    code              varchar(80),
    name              text         not null,
    department        text,
    implementing_unit text,
    fiscal_year       integer      not null,
    rule_set          varchar(80)
);

-- Amounts in 元. full_year is the initial budget plus in-year adjustments (none published yet).
-- No foreign key to project_year: allocations may be applied before the registration is.
create table fund_position (
    project_id  varchar(80)   not null,
    fund_source varchar(32)   not null,
    initial     numeric(15,2) not null default 0,
    full_year   numeric(15,2) not null default 0,
    executed    numeric(15,2) not null default 0,
    primary key (project_id, fund_source)
);

-- target and actual as written on the form (e.g. '≥90(%)', '42.68(%)', '达成指标'); actual null = 未填报.
create table indicator (
    project_id   varchar(80)  not null,
    indicator_id varchar(80)  not null,
    level1       text,
    level2       text,
    level3       text,
    target       text,
    weight       numeric(7,2),
    actual       text,
    primary key (project_id, indicator_id)
);
