package io.coffer.engine.restore;

import io.coffer.catalog.restore.Restore;
import io.coffer.source.RestorePlan;
import io.coffer.source.RestoreReport;
import java.util.Optional;

/**
 * How a restore ended: the plan (always), what the driver did (empty for a dry run) and the
 * catalog's record (empty for a dry run, which changes nothing and records nothing).
 */
public record RestoreOutcome(RestorePlan plan, Optional<RestoreReport> report, Optional<Restore> recorded) {}
