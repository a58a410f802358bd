/**
 * Notices of how jobs ended: a configured command that reads each notice as JSON, and a webhook
 * each notice is POSTed to. A notice that cannot be delivered is logged; it never fails a job.
 */
package io.coffer.engine.notify;
