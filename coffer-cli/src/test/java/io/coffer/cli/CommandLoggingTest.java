package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** logback finds Coffer's logging set-up by itself (the services file): warnings and up, on stderr. */
class CommandLoggingTest {

  @Test
  void logbackFindsCoffersSetUp() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .contains(CommandLogging.class);
  }

  @Test
  void warningsAndErrorsGoToStderr() {
    LoggerContext context = new LoggerContext();
    assertThat(new CommandLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
        appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
    assertThat(context.getLogger("io.coffer.engine.Coffer").isInfoEnabled()).isFalse();
    assertThat(context.getLogger("io.coffer.engine.Coffer").isWarnEnabled()).isTrue();
  }
}
