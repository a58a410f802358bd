package io.coffer.cli.catalog;

import io.coffer.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code coffer catalog}. */
@Command(name = "catalog", description = "The catalog as a whole: rebuild its backups from a volume.",
    subcommands = {CatalogRebuild.class})
public final class CatalogCommand extends CommandGroup {}
