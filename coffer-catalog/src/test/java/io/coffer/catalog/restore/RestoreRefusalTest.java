package io.coffer.catalog.restore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A restore's refusal is worded once, with the options as placeholders, and read in the names of
 * the interface it reaches: the command line's options, or the API's fields.
 */
class RestoreRefusalTest {

  @Test
  void optionsWithinARefusal_areNamedAsEachInterfaceTakesThem() {
    RestoreRefusal e = new RestoreRefusal(RestoreOption.TARGET_DIRECTORY, "/srv/x", "it is not empty",
        "a new or empty directory, or " + RestoreOption.FORCE + " to replace it; not " + RestoreOption.EXISTING
            + " nor " + RestoreOption.TERMINATE_CONNECTIONS + " nor {NOTHING}");

    assertThat(e.getMessage()).isEqualTo("target-dir \"/srv/x\" is not valid (it is not empty); accepted: a new or"
        + " empty directory, or --force to replace it; not --rename-existing or --drop-existing nor"
        + " --terminate-connections nor {NOTHING}");
    assertThat(e.apiMessage()).isEqualTo("targetDirectory \"/srv/x\" is not valid (it is not empty); accepted: a new"
        + " or empty directory, or \"force\": true to replace it; not existing nor restore run's"
        + " --terminate-connections nor {NOTHING}");
    assertThat(e.renamed(RestoreOption.TABLESPACE_MAP).apiMessage()).startsWith("tablespaceMap \"/srv/x\"");
  }
}
