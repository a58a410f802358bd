/**
 * How commands print: aligned tables and byte counts for people, one JSON object per command for
 * scripts ({@code --json}).
 */
package io.coffer.cli.output;
