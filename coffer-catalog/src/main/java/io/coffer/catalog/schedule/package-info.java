/**
 * When definitions run: five-field cron schedules ({@link io.coffer.catalog.schedule.CronSpec}) and
 * the backup window from which a definition given no minute or hour gets a random one, so that a
 * thousand definitions do not all start at 00:00.
 */
package io.coffer.catalog.schedule;
