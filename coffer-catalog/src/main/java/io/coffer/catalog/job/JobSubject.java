package io.coffer.catalog.job;

/**
 * What a job is about: a definition (a scheduled backup), a one-off, a scheduled restore, and the
 * backup it made or works on. {@code node} is the node the job reaches, whose
 * {@code max_parallel_jobs} it counts against; null for jobs that reach no node.
 */
public record JobSubject(Long definitionId, Long oneoffId, Long restoreDefinitionId, Long backupId, String node) {
}
