-- Indicator events carry parsed targets and actuals (schema version 2), target versions, bindings to the
-- execution rate, scores, goals and the finalisation: what the live form is computed from.
alter table indicator
    add column target_parsed           jsonb,
    add column target_version          integer not null default 1,
    add column actual_parsed           jsonb,
    add column bound_to_execution_rate boolean not null default false,
    add column self_score              numeric(7,2),
    add column self_deviation          text,
    add column self_imported           boolean,
    add column reviewed_score          numeric(7,2),
    add column reviewed_deviation      text;

create table goal (
    project_id varchar(80) not null primary key,
    expected   text,
    achieved   text
);

create table evaluation (
    project_id   varchar(80)  not null primary key,
    funds_weight numeric(7,2) not null,
    warnings     jsonb        not null,
    finalised_on date         not null
);
