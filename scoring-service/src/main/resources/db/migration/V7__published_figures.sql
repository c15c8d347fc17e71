-- The figures a project-year's published form printed, as the importer read them: kept to compare with the live
-- form, so that a published form which does not add up is flagged, never reproduced silently.
create table published_figure (
    project_id varchar(80)  not null,
    field      varchar(120) not null,
    value      varchar(40)  not null,
    primary key (project_id, field)
);
create table published_source (
    project_id  varchar(80)   not null primary key,
    source      varchar(1000),
    recorded_at timestamp(6) with time zone not null default now()
);
