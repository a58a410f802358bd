/** {@code coffer job}: the job queue — list, show, log, abort — and how a job's live progress is worded. */
package io.coffer.cli.job;
