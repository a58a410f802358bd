package io.coffer.repo.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.FaultyBackend.Operation;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FaultyBackendTest {

  private final MemoryBackend memory = new MemoryBackend();
  private final FaultyBackend faulty = new FaultyBackend(memory);

  @Test
  void failSavesAfter_failsTheSaveThatDoesNotFit_andEverySaveAfterIt() throws Exception {
    faulty.failSavesAfter(100);
    Handle first = new Handle(FileType.PACK, "aa01");
    Handle tooBig = new Handle(FileType.PACK, "aa02");
    Handle small = new Handle(FileType.PACK, "aa03");

    faulty.save(first, new byte[60]);

    assertThatThrownBy(() -> faulty.save(tooBig, new byte[50]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");
    assertThatThrownBy(() -> faulty.save(small, new byte[1]))
        .hasMessageContaining("No space left on device");
    assertThat(memory.list(FileType.PACK)).containsExactly(new FileInfo(first, 60));
  }

  @Test
  void failCall_failsOnlyTheNthCallOfThatOperation() throws Exception {
    faulty.failCall(Operation.STAT, 2);
    faulty.save(Handle.CONFIG, new byte[3]);

    assertThat(faulty.stat(Handle.CONFIG)).isEqualTo(3);
    assertThatThrownBy(() -> faulty.stat(Handle.CONFIG))
        .isInstanceOf(IOException.class)
        .hasMessage("injected fault: STAT call 2 of config");
    assertThat(faulty.stat(Handle.CONFIG)).isEqualTo(3);
    assertThat(faulty.load(Handle.CONFIG)).hasSize(3);
    assertThat(faulty.calls(Operation.STAT)).isEqualTo(3);
  }
}
