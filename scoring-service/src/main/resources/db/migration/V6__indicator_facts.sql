-- The indicator stream's facts with both of their dates, so the form's indicators and goal can be shown as of
-- a business date and as known at a time, as its funds block can.
create table indicator_fact (
    event_id      varchar(64)  not null primary key,
    project_id    varchar(80)  not null,
    sequence      bigint       not null,
    envelope      text         not null,
    business_date date         not null,
    recorded_at   timestamp(6) with time zone not null
);
create index indicator_fact_project on indicator_fact (project_id, sequence);
