package io.coffer.source.quiesce;

import java.time.Duration;
import java.util.List;

/**
 * What a quiesce did for one backup, kept in the backup's report.
 *
 * @param method the method's name
 * @param steps what was run and found, one sentence each (commands, snapshot names, mounts)
 * @param downtime how long the database was stopped (stop-start); zero for the other methods
 */
public record QuiesceReport(String method, List<String> steps, Duration downtime) {}
