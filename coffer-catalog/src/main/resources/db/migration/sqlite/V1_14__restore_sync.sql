-- Whether a FILES or PHYSICAL restore syncs what it wrote (syncfs of the target's filesystem) before
-- it is recorded as done. On by default: a restore reported good must survive a power loss. Off
-- trades that for the writeback's time (seconds for gigabytes), as tools that never sync do.
insert into config_default (scope, key, value, description) values
  ('node', 'restore_sync', 'on',
   'whether a FILES or PHYSICAL restore syncs what it wrote before it is recorded as done: on or off');
