package io.coffer.repo.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coffer.repo.backend.FaultyBackend.Operation;
import java.io.EOFException;
import java.lang.reflect.Proxy;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RetryingBackendTest {

  private static final Handle INDEX = new Handle(FileType.INDEX, "0123abcd");

  private final FaultyBackend faulty = new FaultyBackend(new MemoryBackend());
  private final RetryingBackend retrying = new RetryingBackend(faulty, 3, Duration.ofMillis(1));
  private final Logger logger = (Logger) LoggerFactory.getLogger(RetryingBackend.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(logged);
  }

  @Test
  void readAheadAdvice_reachesTheBackendItWraps() {
    List<String> calls = new ArrayList<>();
    Backend recording = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
        (proxy, method, args) -> {
          calls.add(method.getName() + Arrays.toString(args));
          return null;
        });
    Handle pack = new Handle(FileType.PACK, "ab" + "0".repeat(62));

    new RetryingBackend(recording, 3, Duration.ofMillis(1)).willNeed(pack, 4096, 1 << 20);

    assertThat(calls).containsExactly("willNeed[" + pack + ", 4096, 1048576]");
  }

  @Test
  void save_failingTwiceThenSucceeding_isRetriedAndLands() throws Exception {
    faulty.failCall(Operation.SAVE, 1).failCall(Operation.SAVE, 2);

    retrying.save(INDEX, new byte[] {1, 2, 3});

    assertThat(faulty.calls(Operation.SAVE)).isEqualTo(3);
    assertThat(retrying.load(INDEX)).containsExactly(1, 2, 3);
    assertThat(logged.list).hasSize(2).allSatisfy(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage())
          .contains("save", INDEX.path(), "of 3", "injected fault");
    });
    assertThat(logged.list.get(0).getFormattedMessage()).contains("attempt 1");
    assertThat(logged.list.get(1).getFormattedMessage()).contains("attempt 2");
  }

  @Test
  void loadRangeIntoAnArray_failingOnce_isRetried() throws Exception {
    retrying.save(INDEX, new byte[] {1, 2, 3, 4, 5});
    faulty.failCall(Operation.LOAD_RANGE, 1);
    byte[] into = new byte[4];

    retrying.loadRange(INDEX, 1, 3, into);

    assertThat(into).containsExactly(2, 3, 4, 0);
    assertThat(faulty.calls(Operation.LOAD_RANGE)).isEqualTo(2);
  }

  @Test
  void failingEveryAttempt_givesUpSayingHowOften_andKeepsTheCause() throws Exception {
    retrying.save(INDEX, new byte[] {1});
    faulty.failCall(Operation.LOAD, 1).failCall(Operation.LOAD, 2).failCall(Operation.LOAD, 3);

    assertThatThrownBy(() -> retrying.load(INDEX))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("load " + INDEX.path() + " failed after 3 attempts")
        .cause()
        .hasMessageContaining("injected fault: LOAD call 3");
    assertThat(faulty.calls(Operation.LOAD)).isEqualTo(3);
  }

  @Test
  void missingFile_isAnAnswer_notRetried() {
    assertThatThrownBy(() -> retrying.load(INDEX)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> retrying.stat(INDEX)).isInstanceOf(NoSuchFileException.class);

    assertThat(faulty.calls(Operation.LOAD)).isEqualTo(1);
    assertThat(faulty.calls(Operation.STAT)).isEqualTo(1);
    assertThat(logged.list).isEmpty();
  }

  @Test
  void shortFile_isAnAnswer_notRetried() throws Exception {
    retrying.save(INDEX, new byte[10]);

    assertThatThrownBy(() -> retrying.loadRange(INDEX, 5, 10)).isInstanceOf(EOFException.class);

    assertThat(faulty.calls(Operation.LOAD_RANGE)).isEqualTo(1);
  }

  @Test
  void interruptedThread_doesNotWaitToRetry() {
    faulty.failCall(Operation.LIST, 1);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> retrying.list(FileType.INDEX))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("injected fault");
      assertThat(faulty.calls(Operation.LIST)).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void attemptsBelowOne_areRejected() {
    assertThatThrownBy(() -> new RetryingBackend(faulty, 0, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry attempts must be ≥ 1, got 0");
  }
}
