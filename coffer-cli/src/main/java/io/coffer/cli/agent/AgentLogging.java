package io.coffer.cli.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * The log of a running agent: what it does (INFO) on stderr, as lines for people or, with {@code
 * --log-json}, one JSON object per line for a log collector. Other commands keep logging warnings
 * only ({@link io.coffer.cli.CommandLogging}).
 */
final class AgentLogging {

  private AgentLogging() {}

  static void configure(boolean json) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Encoder<ILoggingEvent> encoder;
    if (json) {
      JsonEncoder jsonEncoder = new JsonEncoder();
      jsonEncoder.setWithSequenceNumber(false);
      jsonEncoder.setWithNanoseconds(false);
      jsonEncoder.setWithContext(false);
      jsonEncoder.setWithArguments(false);
      jsonEncoder.setWithFormattedMessage(true);
      jsonEncoder.setWithMessage(false);
      encoder = jsonEncoder;
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg%n");
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("agent");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    context.getLogger("io.coffer").setLevel(Level.INFO);
  }
}
