-- Jobs carried out by agents (`coffer agent run`). A claimed job holds a lease that its agent renews
-- with every heartbeat; a job whose lease ran out is ended (or queued again, per job.retry) by any
-- other agent or the next command. A scheduled job carries a key (definition and fire time, one-off,
-- scheduled restore) that is unique, so that agents and restarts never queue the same run twice.
-- SKIPPED: a run of a definition that was still running when this one was due.
alter table job drop constraint job_state_check;
alter table job add constraint job_state_check
  check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'SKIPPED'));
alter table job add column node_id bigint references node (id) on delete set null;
alter table job add column schedule_key text unique;
alter table job add column attempt integer not null default 1;
alter table job add column lease_expires_at bigint;
alter table job add column runner_host text not null default '';
alter table job add column runner_pid bigint;
-- Live progress: the phase in words (seed 004's comment), bytes read of an estimated total, the
-- rate, and (progress_message) the table or stream being read.
alter table job add column phase text not null default '';
alter table job add column bytes_done bigint not null default 0;
alter table job add column bytes_total bigint not null default 0;
alter table job add column bytes_per_second bigint not null default 0;
alter table job add column log text not null default '';
create index job_running_node on job (node_id) where state = 'RUNNING';
create index job_running_agent on job (claimed_by) where state = 'RUNNING';
create index job_lease on job (lease_expires_at) where state = 'RUNNING';

-- What `agent list` shows of a running agent: its version, when it started, and until when its last
-- heartbeat vouches for it (ONLINE until then; a clean stop clears it at once).
alter table agent add column version text not null default '';
alter table agent add column started_at bigint;
alter table agent add column alive_until bigint;

insert into config_default (scope, key, value, description) values
  ('node', 'max_parallel_jobs', '4', 'jobs that run at once against this node, across all agents');
