package io.coffer.catalog.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.testing.CatalogTestBase;
import org.junit.jupiter.api.Test;

class VolumeRepositoryTest extends CatalogTestBase {

  @Test
  void add_registersALocalOrS3Location() {
    RegisteredVolume local = catalog.volumes().add(new NewVolume("v1", "/srv/coffer", "local disk"));
    RegisteredVolume s3 = catalog.volumes().add(new NewVolume("v2", "s3://backups/coffer", ""));

    assertThat(catalog.volumes().list()).containsExactly(local, s3);
    assertThat(catalog.volumes().show("v2").location()).isEqualTo("s3://backups/coffer");
  }

  @Test
  void add_refusesADuplicateNameOrLocation() {
    volume("v1");

    refused("volume", "v1", () -> catalog.volumes().add(new NewVolume("v1", "/elsewhere", "")));
    refused("location", "/srv/coffer/v1", () -> catalog.volumes().add(new NewVolume("v2", "/srv/coffer/v1", "")));
  }

  @Test
  void aLocationCarryingCredentials_isRefusedWithoutRepeatingThem() {
    var error = refused("location", CatalogValidationException.HIDDEN,
        () -> catalog.volumes().add(new NewVolume("v1", "s3://key:secret@bucket/x", "")));

    assertThat(error.getMessage()).doesNotContain("secret");
  }

  @Test
  void aRelativePath_isRefused() {
    refused("location", "backups", () -> catalog.volumes().add(new NewVolume("v1", "backups", "")));
  }

  @Test
  void update_movesTheLocation() {
    volume("v1");

    assertThat(catalog.volumes().update("v1", new VolumeUpdate().location("/mnt/new")).location()).isEqualTo("/mnt/new");
  }

  @Test
  void remove_ofAVolumeDefinitionsUseIsRefused() {
    basics();
    long id = definition("pg1", "sales").id();

    var error = refused("volume", "v1", () -> catalog.volumes().remove("v1"));

    assertThat(error.getMessage()).contains("is used by definitions " + id);
  }
}
