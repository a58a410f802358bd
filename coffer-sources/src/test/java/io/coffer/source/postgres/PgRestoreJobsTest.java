package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PgRestoreJobsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/var/run/postgresql", "/tmp", "@pg", "localhost", "LocalHost", "127.0.0.1",
      "127.0.1.1", "::1", "[::1]", "0.0.0.0"})
  void serverOnThisHost_isReachedByASocketOrALoopbackAddress(String host) {
    assertThat(PgRestoreJobs.onThisHost(host)).isTrue();
  }

  /** Documentation addresses (RFC 5737, RFC 3849): never this machine's, and never looked up. */
  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.10", "198.51.100.7", "2001:db8::5"})
  void otherAddresses_areRemote(String host) {
    assertThat(PgRestoreJobs.onThisHost(host)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "4, /var/run/postgresql, 2, 2",
    "4, 127.0.0.1, 2, 2",
    "8, localhost, 4, 4",
    "2, 127.0.0.1, 2, 2",
    "1, 127.0.0.1, 2, 1",
    "3, 127.0.0.1, 8, 3",
    "4, 192.0.2.10, 2, 4",
    "16, 192.0.2.10, 1, 16"})
  void postData_runsWithAtMostTheCoresOfAServerOnThisHost_andAsAskedElsewhere(
      int asked, String host, int cores, int postData) {
    PgRestoreJobs jobs = PgRestoreJobs.of(asked, host, cores);

    assertThat(jobs.asked()).isEqualTo(asked);
    assertThat(jobs.postData()).isEqualTo(postData);
  }

  @ParameterizedTest
  @CsvSource({"FULL", "CLUSTER", "SCHEMA"})
  void fewerJobsThanAsked_areSaidWithTheReason(Kind kind) {
    assertThat(PgRestoreJobs.of(4, "127.0.0.1", 2).notes(kind))
        .containsExactly("post-data with 2 jobs of the 4 asked: the server shares this host's 2 cores,"
            + " and more concurrent index builds than cores only contend for them");
  }

  @ParameterizedTest
  @CsvSource({"4, 127.0.0.1, 2, DATA", "2, 127.0.0.1, 2, FULL", "4, 192.0.2.10, 2, FULL"})
  void nothingIsSaid_whenPostDataRunsAsAsked_orNotAtAll(int asked, String host, int cores, Kind kind) {
    assertThat(PgRestoreJobs.of(asked, host, cores).notes(kind)).isEmpty();
  }
}
