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
-- SQLite cannot change a CHECK constraint, so the table is built anew and its rows copied.
create table verification_new (
  id                integer primary key autoincrement,
  backup_id         integer not null references backup (id) on delete cascade,
  node_id           integer references node (id) on delete set null,
  agent_id          integer references agent (id) on delete set null,
  scratch_databases text not null default '',
  scope             text not null check (scope in ('CONTENT', 'SCHEMA', 'FILES')),
  started_at        integer not null,
  finished_at       integer,
  duration_ms       integer,
  status            text not null check (status in ('RUNNING', 'PASSED', 'FAILED', 'ERROR')),
  tables_checked    integer not null default 0,
  rows_checked      integer not null default 0,
  differences       text not null default '',
  error             text not null default '',
  runner_host       text not null default '',
  runner_pid        integer,
  runner_started    integer
);
insert into verification_new (id, backup_id, node_id, agent_id, scratch_databases, scope, started_at, finished_at,
    duration_ms, status, tables_checked, rows_checked, differences, error, runner_host, runner_pid, runner_started)
  select id, backup_id, node_id, agent_id, scratch_databases, scope, started_at, finished_at, duration_ms, status,
    tables_checked, rows_checked, differences, error, runner_host, runner_pid, runner_started
  from verification;
drop table verification;
alter table verification_new rename to verification;
create index verification_backup on verification (backup_id, started_at);
create index verification_node on verification (node_id);
create index verification_running on verification (runner_host) where status = 'RUNNING';
