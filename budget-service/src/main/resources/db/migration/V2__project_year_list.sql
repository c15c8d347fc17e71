-- The list of project-years for lookups, kept in the same transaction as the events it reflects.
create table project_year_list (
    project_id        varchar(80)  not null primary key,
    code              varchar(40)  not null,
    name              varchar(200) not null,
    department        varchar(200) not null,
    implementing_unit varchar(200) not null,
    fiscal_year       integer      not null,
    rule_set          varchar(40)  not null,
    status            varchar(16)  not null,
    registered_at     timestamp(6) with time zone not null
);
create index project_year_list_year on project_year_list (fiscal_year, project_id);
