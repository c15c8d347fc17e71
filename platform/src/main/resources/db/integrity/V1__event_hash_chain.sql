-- The event store's tamper-evident chain (platform's io.jixiao.platform.integrity), migrated by its own Flyway
-- history (flyway_integrity_history), independent of each service's migrations.

-- One row per domain_event_entry row, written in the appending transaction:
-- hash = SM3(previous row's hash || canonical encoding of the stored row), the first row's previous being 32 zero bytes.
create table event_hash_chain (
    global_index bigint primary key,
    hash         bytea  not null
);

-- The chain's head at a moment, signed with the service's SM2 key (SM3withSM2): an attacker who rewrites rows and
-- recomputes the chain after it cannot make the head at global_index match head_hash again.
create table event_chain_checkpoint (
    id           bigserial   primary key,
    global_index bigint      not null,
    head_hash    bytea       not null,
    signed_at    timestamptz not null,
    public_key   bytea       not null,
    signature    bytea       not null
);
create index event_chain_checkpoint_position on event_chain_checkpoint (global_index);
