/**
 * What the catalog commands share: opening the engine from the environment, asking for missing
 * values and confirmations when someone is there to answer, printing rows as aligned tables, JSON
 * or CSV, and mapping the engine's failures to exit codes.
 */
package io.coffer.cli.session;
