/**
 * Option values shared by commands: sizes ({@code 512K}, {@code 8M}), compression ({@code zstd:N},
 * {@code none}) and the {@code --json} switch. Bad values fail at parse time, naming the option,
 * the value and what is accepted (exit code 2).
 */
package io.coffer.cli.options;
