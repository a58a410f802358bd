package io.coffer.catalog.config;

import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.BackupWindow;
import io.coffer.model.Kind;

/** A node's effective settings, typed: what a new definition of the node gets unless told. */
public record NodeDefaults(
    BackupWindow window,
    Kind kind,
    RetentionPeriod retention,
    Redundancy redundancy,
    String extraParameters,
    String notificationAddress) {}
