/**
 * Progress on a terminal: a {@link io.coffer.repo.ProgressListener} that draws a bar on stderr, used
 * only when stderr is a terminal so that scripts and logs stay clean.
 */
package io.coffer.cli.progress;
