-- Cross-project transfers between their steps, kept in the same transaction as the transfer's events: a crash
-- leaves here what is to be carried on.
create table open_transfer (
    transfer_id  varchar(255) not null primary key,
    requested_at timestamp(6) with time zone not null
);
create index open_transfer_requested on open_transfer (requested_at);
