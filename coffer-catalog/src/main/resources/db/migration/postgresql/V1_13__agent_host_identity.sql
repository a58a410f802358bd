-- The identity of the host an agent runs on (its name and the start of its machine id, as volume
-- locks and runs record it), written when coffer agent run starts it or a command on its host
-- registers it; null until then. A restore planned on one host for an agent on another leaves the
-- checks of its directories to that agent.
alter table agent add column host_identity text;
