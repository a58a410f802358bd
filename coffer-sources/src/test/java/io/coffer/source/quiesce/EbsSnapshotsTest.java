package io.coffer.source.quiesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** EBS against a loopback stub of the EC2 query API that the AWS SDK is pointed at. */
class EbsSnapshotsTest {

  private Ec2Stub stub;
  private EbsSnapshots ebs;
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws Exception {
    stub = new Ec2Stub();
    ebs = EbsSnapshots.connect("eu-west-1", stub.endpoint(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "stub-secret")),
        Duration.ofMinutes(1), Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private EbsSnapshots.Freeze freeze() {
    return new EbsSnapshots.Freeze() {
      @Override
      public void before(Cancellation cancellation) {
        events.add("freeze");
      }

      @Override
      public void after() {
        events.add("thaw after " + stub.actions().stream().filter("CreateSnapshot"::equals).count() + " snapshots");
      }
    };
  }

  @Test
  void snapshot_tagsWaitsWithProgress_andMarksThemKept() throws Exception {
    List<Double> progress = Collections.synchronizedList(new ArrayList<>());
    List<EbsSnapshots.Taken> taken = ebs.snapshot(List.of("vol-a", "vol-b"), Map.of("coffer:node", "db1"), freeze(),
        progress::add, new Cancellation());

    assertThat(taken).containsExactly(new EbsSnapshots.Taken("vol-a", "snap-1"), new EbsSnapshots.Taken("vol-b", "snap-2"));
    assertThat(events).containsExactly("freeze", "thaw after 2 snapshots");
    assertThat(stub.actions()).containsExactly("CreateSnapshot", "CreateSnapshot", "DescribeSnapshots",
        "DescribeSnapshots", "DescribeSnapshots", "CreateTags");
    Map<String, String> first = stub.requests.get(0);
    assertThat(first).containsEntry("VolumeId", "vol-a").containsEntry("TagSpecification.1.ResourceType", "snapshot");
    assertThat(stub.snapshots.get("snap-1")).containsEntry("coffer:node", "db1").containsEntry("coffer:state", "kept")
        .containsKey("coffer:run");
    assertThat(stub.snapshots.get("snap-1").get("coffer:run")).matches("coffer-\\d{8}T\\d{6}-\\d+");
    assertThat(progress).hasSize(3).last().isEqualTo(1.0);
    assertThat(progress.get(0)).isLessThan(1.0);
  }

  @Test
  void aFailedSnapshot_deletesWhatThisRunCreated_andStillThaws() {
    stub.fail("CreateTags", "UnauthorizedOperation");
    assertThatThrownBy(() -> ebs.snapshot(List.of("vol-a", "vol-b"), Map.of(), freeze(), p -> {}, new Cancellation()))
        .isInstanceOf(IOException.class).hasMessageContaining("UnauthorizedOperation: stub refuses CreateTags");
    assertThat(stub.snapshots).isEmpty();
    assertThat(stub.actions()).endsWith("DeleteSnapshot", "DeleteSnapshot");
    assertThat(events).containsExactly("freeze", "thaw after 2 snapshots");
  }

  @Test
  void aVolumeThatCannotBeSnapshotted_isNamed() {
    stub.fail("CreateSnapshot", "InvalidVolume.NotFound");
    assertThatThrownBy(() -> ebs.snapshot(List.of("vol-gone"), Map.of(), freeze(), p -> {}, new Cancellation()))
        .hasMessageContaining("EBS snapshot of [vol-gone] failed").hasMessageContaining("InvalidVolume.NotFound");
    assertThat(events).containsExactly("freeze", "thaw after 1 snapshots");
  }

  @Test
  void recover_deletesWhatAKilledRunLeftTaking_only() throws Exception {
    stub.existing("snap-old", "vol-a", Map.of("coffer:run", "coffer-20250101T000000-9999999", "coffer:state", "taking"));
    stub.existing("snap-kept", "vol-a", Map.of("coffer:run", "coffer-20250101T000000-9999999", "coffer:state", "kept"));
    assertThat(ebs.recover()).containsExactly("deleted EBS snapshot snap-old of vol-a, left by backup run"
        + " coffer-20250101T000000-9999999 that was killed");
    assertThat(stub.snapshots).containsOnlyKeys("snap-kept");
    assertThat(stub.requests.get(0)).containsEntry("Filter.1.Name", "tag:coffer:state").containsEntry("Owner.1", "self");
  }

  @Test
  void restore_createsVolumes_andRetentionDeletesSnapshots() throws Exception {
    stub.existing("snap-7", "vol-a", Map.of());
    assertThat(ebs.restore(List.of("snap-7"), "eu-west-1a")).singleElement().asString().startsWith("vol-new-");
    assertThat(stub.requests.get(0)).containsEntry("SnapshotId", "snap-7").containsEntry("AvailabilityZone", "eu-west-1a");
    ebs.delete(List.of("snap-7", "snap-7"));
    assertThat(stub.snapshots).isEmpty();
  }
}
