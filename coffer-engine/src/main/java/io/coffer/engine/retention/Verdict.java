package io.coffer.engine.retention;

import io.coffer.catalog.retention.RetentionCandidate;

/** Whether one backup goes, and why it goes or stays, in words for the user and the history. */
public record Verdict(RetentionCandidate backup, boolean goes, String reason) {}
