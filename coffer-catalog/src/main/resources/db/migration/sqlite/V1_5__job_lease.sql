-- Jobs carried out by agents (`coffer agent run`). A claimed job holds a lease that its agent renews
-- with every heartbeat; a job whose lease ran out is ended (or queued again, per job.retry) by any
-- other agent or the next command. A scheduled job carries a key (definition and fire time, one-off,
-- scheduled restore) that is unique, so that agents and restarts never queue the same run twice.
-- SKIPPED: a run of a definition that was still running when this one was due.
-- SQLite cannot change a CHECK constraint, so the table is built anew and its rows copied.
create table job_new (
  id                    integer primary key autoincrement,
  type                  text not null check (type in ('BACKUP', 'RESTORE', 'VERIFY', 'PRUNE', 'RETENTION')),
  state                 text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'SKIPPED')),
  agent_id              integer references agent (id) on delete set null,
  claimed_by            integer references agent (id) on delete set null,
  definition_id         integer references definition (id) on delete set null,
  oneoff_id             integer references oneoff (id) on delete set null,
  restore_definition_id integer references restore_definition (id) on delete set null,
  backup_id             integer references backup (id) on delete set null,
  parameters            text not null default '',
  progress              real not null default 0,
  progress_message      text not null default '',
  abort_requested       integer not null default 0,
  error                 text not null default '',
  created_at            integer not null,
  claimed_at            integer,
  heartbeat_at          integer,
  finished_at           integer,
  node_id               integer references node (id) on delete set null,
  schedule_key          text unique,
  attempt               integer not null default 1,
  lease_expires_at      integer,
  runner_host           text not null default '',
  runner_pid            integer,
  -- Live progress: the phase in words (seed 004's comment), bytes read of an estimated total, the
  -- rate, and (progress_message) the table or stream being read.
  phase                 text not null default '',
  bytes_done            integer not null default 0,
  bytes_total           integer not null default 0,
  bytes_per_second      integer not null default 0,
  log                   text not null default ''
);
insert into job_new (id, type, state, agent_id, claimed_by, definition_id, oneoff_id, restore_definition_id, backup_id,
    parameters, progress, progress_message, abort_requested, error, created_at, claimed_at, heartbeat_at, finished_at)
  select id, type, state, agent_id, claimed_by, definition_id, oneoff_id, restore_definition_id, backup_id,
    parameters, progress, progress_message, abort_requested, error, created_at, claimed_at, heartbeat_at, finished_at
  from job;
drop table job;
alter table job_new rename to job;
create index job_queue on job (state, id);
create index job_definition on job (definition_id);
create index job_backup on job (backup_id);
create index job_running_node on job (node_id) where state = 'RUNNING';
create index job_running_agent on job (claimed_by) where state = 'RUNNING';
create index job_lease on job (lease_expires_at) where state = 'RUNNING';

-- What `agent list` shows of a running agent: its version, when it started, and until when its last
-- heartbeat vouches for it (ONLINE until then; a clean stop clears it at once).
alter table agent add column version text not null default '';
alter table agent add column started_at integer;
alter table agent add column alive_until integer;

insert into config_default (scope, key, value, description) values
  ('node', 'max_parallel_jobs', '4', 'jobs that run at once against this node, across all agents');
