-- How a FILES definition copies its node's data directory; empty values take the node's settings
-- (quiesce, on_change). force_unquiesced accepts quiesce none for a database's files.
alter table definition add column quiesce text not null default '';
alter table definition add column on_change text not null default '' check (on_change in ('', 'warn', 'fail'));
alter table definition add column force_unquiesced integer not null default 0 check (force_unquiesced in (0, 1));

-- Lock and pid files a FILES restore leaves out (glob patterns matched against each name): a copy
-- of a stopped database's directory must not carry the lock of the process that ran it.
insert into config_default (scope, key, value, description) values
  ('node', 'restore_exclude', 'postmaster.pid,mongod.lock,*.pid,*.lock',
   'names (glob patterns, comma-separated) a FILES restore leaves out: lock and pid files');

-- A FILES backup is verified by re-reading its tree (files and bytes), not by restoring tables.
alter table verification drop constraint verification_scope_check;
alter table verification add constraint verification_scope_check check (scope in ('CONTENT', 'SCHEMA', 'FILES'));
