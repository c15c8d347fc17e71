-- Budget events beyond allocation and payment: the year's lifecycle, in-year adjustments, reversals and refunds.

-- The lifecycle of a project-year as budget-service published it: REGISTERED, then OPEN (initial budgets frozen),
-- then CLOSED (the form frozen). The dates are the business dates of ProjectYearOpened and ProjectYearClosed.
alter table project_year
    add column status    varchar(16) not null default 'REGISTERED'
        constraint project_year_status check (status in ('REGISTERED', 'OPEN', 'CLOSED')),
    add column opened_on date,
    add column closed_on date;

-- The parts the two derived columns are made of, kept so that every figure on the form can be traced:
--   full_year = initial + adjusted           adjusted: Σ kind.sign() × amount of BudgetAdjusted
--   executed  = paid - reversed - refunded   paid: Σ ExpenditureRecorded; reversed, refunded: Σ of their events
-- Before this migration no adjustment, reversal or refund existed, so every executed amount was paid.
alter table fund_position
    add column adjusted numeric(15,2) not null default 0,
    add column paid     numeric(15,2) not null default 0,
    add column reversed numeric(15,2) not null default 0,
    add column refunded numeric(15,2) not null default 0;

update fund_position set paid = executed;

alter table fund_position
    add constraint fund_position_full_year check (full_year = initial + adjusted),
    add constraint fund_position_executed check (executed = paid - reversed - refunded);
