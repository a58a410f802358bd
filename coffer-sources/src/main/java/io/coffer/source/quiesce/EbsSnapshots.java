package io.coffer.source.quiesce;

import io.coffer.source.SourceException;
import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code ebs} (seed 000): snapshots of the EBS volumes a database lives on, taken through the EC2
 * API. Unlike the other methods nothing is copied into a volume: the snapshots in AWS are the
 * backup, and the catalog records their ids.
 *
 * <p>Flow: the optional pre command (a freeze), one {@code CreateSnapshot} per volume, tagged with
 * the run's name and {@code coffer:state=taking}, the post command right after the last call
 * returns (an EBS snapshot is point-in-time when it is created, so the database need not wait for
 * the upload), then {@code DescribeSnapshots} until every snapshot is completed, with progress, and
 * the tag set to {@code coffer:state=kept}. A failure deletes what this run created. A killed run
 * leaves snapshots tagged {@code taking} under a run name whose process is gone; {@link #recover()}
 * deletes them. Credentials come from the standard AWS chain (environment, profile, instance role),
 * never from an argument.
 */
public final class EbsSnapshots {

  static final String RUN_TAG = "coffer:run";
  static final String STATE_TAG = "coffer:state";
  private final Ec2Client ec2;
  private final Duration timeout;
  private final Duration poll;

  EbsSnapshots(Ec2Client ec2, Duration timeout, Duration poll) {
    this.ec2 = ec2;
    this.timeout = timeout;
    this.poll = poll;
  }

  /** A client for {@code region} with the default credential chain; {@code endpoint} overrides AWS's (null: AWS). */
  public static EbsSnapshots connect(String region, URI endpoint, Duration timeout) {
    return connect(region, endpoint, DefaultCredentialsProvider.builder().build(), timeout, Duration.ofSeconds(15));
  }

  static EbsSnapshots connect(String region, URI endpoint, AwsCredentialsProvider credentials, Duration timeout,
      Duration poll) {
    var builder = Ec2Client.builder().region(Region.of(region)).credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return new EbsSnapshots(builder.build(), timeout, poll);
  }

  /** One snapshot taken: of which volume, its id. */
  public record Taken(String volumeId, String snapshotId) {}

  /**
   * Snapshots {@code volumeIds} and waits until all are completed.
   *
   * @param tags added to every snapshot (node, definition) beside Coffer's own
   * @param freeze runs before the first snapshot and after the last {@code CreateSnapshot}; may be null
   * @param progress hears the mean progress of the snapshots, 0.0 to 1.0
   */
  public List<Taken> snapshot(List<String> volumeIds, Map<String, String> tags, Freeze freeze,
      DoubleConsumer progress, Cancellation cancellation) throws IOException {
    if (volumeIds.isEmpty()) {
      throw new InvalidQuiesceOption("volumes", "", "one or more EBS volume ids (vol-…)");
    }
    String run = SnapshotName.next();
    List<Taken> taken = new ArrayList<>();
    try {
      if (freeze != null) {
        freeze.before(cancellation);
      }
      try {
        for (String volume : volumeIds) {
          CreateSnapshotResponse r = ec2.createSnapshot(b -> b.volumeId(volume)
              .description("coffer " + run + " of " + volume)
              .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                  .tags(tags(tags, run)).build()));
          taken.add(new Taken(volume, r.snapshotId()));
        }
      } finally {
        if (freeze != null) {
          freeze.after();
        }
      }
      waitForCompletion(taken, progress, cancellation);
      ec2.createTags(b -> b.resources(taken.stream().map(Taken::snapshotId).toList())
          .tags(Tag.builder().key(STATE_TAG).value("kept").build()));
      return taken;
    } catch (IOException | RuntimeException e) {
      IOException failure = e instanceof IOException io ? io : new SourceException(
          SourceException.Reason.CHILD_FAILED, "EBS snapshot of " + volumeIds + " failed: " + describe(e), e);
      for (Taken t : taken) {
        try {
          ec2.deleteSnapshot(b -> b.snapshotId(t.snapshotId()));
        } catch (SdkException cleanup) {
          failure.addSuppressed(cleanup);
        }
      }
      throw failure;
    }
  }

  /** The commands around the snapshot calls; {@link #after()} runs even when a call failed. */
  public interface Freeze {
    void before(Cancellation cancellation) throws IOException;

    void after() throws IOException;
  }

  private void waitForCompletion(List<Taken> taken, DoubleConsumer progress, Cancellation cancellation)
      throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    List<String> ids = taken.stream().map(Taken::snapshotId).toList();
    while (true) {
      if (cancellation.cancelled()) {
        throw new SourceException(SourceException.Reason.CANCELLED, "EBS snapshots " + ids + " were aborted");
      }
      List<Snapshot> states = ec2.describeSnapshots(b -> b.snapshotIds(ids)).snapshots();
      double sum = 0;
      boolean done = true;
      for (Snapshot s : states) {
        if (s.state() == SnapshotState.ERROR) {
          throw new SourceException(SourceException.Reason.CHILD_FAILED, "EBS snapshot " + s.snapshotId() + " of "
              + s.volumeId() + " failed: " + s.stateMessage());
        }
        done &= s.state() == SnapshotState.COMPLETED;
        sum += s.state() == SnapshotState.COMPLETED ? 1 : percent(s.progress());
      }
      progress.accept(states.isEmpty() ? 0 : sum / ids.size());
      if (done && states.size() == ids.size()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new SourceException(SourceException.Reason.CHILD_FAILED, "EBS snapshots " + ids
            + " did not complete within " + timeout.toMinutes() + " min");
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for EBS snapshots " + ids);
      }
    }
  }

  /** EC2's error code and message (the SDK's own message leaves the code out). */
  static String describe(Exception e) {
    if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
      return a.awsErrorDetails().errorCode() + ": " + a.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  private static double percent(String progress) {
    try {
      return progress == null || progress.isBlank() ? 0 : Double.parseDouble(progress.replace("%", "")) / 100;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<Tag> tags(Map<String, String> extra, String run) {
    Map<String, String> all = new LinkedHashMap<>(extra);
    all.put(RUN_TAG, run);
    all.put(STATE_TAG, "taking");
    all.putIfAbsent("Name", run);
    return all.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** Deletes snapshots a killed run left {@code taking}; returns one sentence per snapshot. */
  public List<String> recover() throws IOException {
    List<String> done = new ArrayList<>();
    try {
      List<Snapshot> taking = ec2.describeSnapshots(b -> b.ownerIds("self")
          .filters(Filter.builder().name("tag:" + STATE_TAG).values("taking").build())).snapshots();
      for (Snapshot s : taking) {
        String run = s.tags().stream().filter(t -> t.key().equals(RUN_TAG)).map(Tag::value).findFirst().orElse("");
        if (SnapshotName.isLeftover(run)) {
          ec2.deleteSnapshot(b -> b.snapshotId(s.snapshotId()));
          done.add("deleted EBS snapshot " + s.snapshotId() + " of " + s.volumeId() + ", left by backup run " + run
              + " that was killed");
        }
      }
    } catch (SdkException e) {
      throw new SourceException(SourceException.Reason.UNREACHABLE, "cannot list EBS snapshots: " + describe(e), e);
    }
    return done;
  }

  /** Creates one volume per snapshot in {@code availabilityZone}; returns the new volume ids. */
  public List<String> restore(List<String> snapshotIds, String availabilityZone) throws IOException {
    List<String> volumes = new ArrayList<>();
    try {
      for (String id : snapshotIds) {
        volumes.add(ec2.createVolume(b -> b.snapshotId(id).availabilityZone(availabilityZone)
            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME)
                .tags(Tag.builder().key("coffer:restored-from").value(id).build()).build())).volumeId());
      }
      return volumes;
    } catch (SdkException e) {
      throw new SourceException(SourceException.Reason.CHILD_FAILED, "creating a volume from EBS snapshot failed"
          + " after " + volumes + " were created: " + describe(e), e);
    }
  }

  /** Deletes snapshots (retention); one already gone counts as deleted. */
  public void delete(List<String> snapshotIds) throws IOException {
    for (String id : snapshotIds) {
      try {
        ec2.deleteSnapshot(b -> b.snapshotId(id));
      } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
        if (!"InvalidSnapshot.NotFound".equals(e.awsErrorDetails().errorCode())) {
          throw new SourceException(SourceException.Reason.CHILD_FAILED, "deleting EBS snapshot " + id + " failed: "
              + e.awsErrorDetails().errorMessage(), e);
        }
      } catch (SdkException e) {
        throw new SourceException(SourceException.Reason.UNREACHABLE, "deleting EBS snapshot " + id + " failed: "
            + describe(e), e);
      }
    }
  }
}
