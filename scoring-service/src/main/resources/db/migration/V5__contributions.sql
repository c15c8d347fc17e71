-- What each money event contributed to its project-year's funds block, with both of its dates: the figures of
-- the form can be traced to their events (explain), and computed as of a business date and as known at a time.
create table contribution (
    event_id      varchar(64)  not null primary key,
    project_id    varchar(80)  not null,
    fund_source   varchar(40)  not null,
    event_type    varchar(80)  not null,
    reference     varchar(100),
    initial       numeric(15,2) not null default 0,
    full_year     numeric(15,2) not null default 0,
    executed      numeric(15,2) not null default 0,
    business_date date         not null,
    recorded_at   timestamp(6) with time zone not null
);
create index contribution_project on contribution (project_id, business_date);
