-- The backup jobs of one node, newest first: what a progress poll of a database reads
-- (GET /api/v1/databases/{id}/backups/progress), so that a poll does not scan the job queue.
create index job_node_backup on job (node_id, type, id);
