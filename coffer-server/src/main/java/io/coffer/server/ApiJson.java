package io.coffer.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.node.Credentials;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.model.CredentialReference;
import java.io.IOException;
import java.util.function.Function;

/**
 * The JSON of the API, for both ends of the wire: the server writes the catalog's records with it,
 * and the command line ({@code coffer --server …}) reads them back into the same records, so that
 * the two cannot drift apart. A class of its own, apart from {@link ApiServer}, so that a client
 * loads Jackson and none of the HTTP server.
 */
public final class ApiJson {

  private ApiJson() {}

  /**
   * ISO-8601 times and durations; an empty Optional is null; a field is always there. The catalog's
   * value types (a schedule, a retention, a credential reference…) are written as the text the CLI
   * prints and the API accepts, e.g. {@code "30 2 * * *"}, and read back by parsing that text. A
   * reader ignores fields it does not know, so that a newer server can add some.
   */
  public static ObjectMapper mapper() {
    SimpleModule values = new SimpleModule("coffer-values");
    text(values, CronSpec.class, CronSpec::parse);
    text(values, CredentialReference.class, Credentials::parse);
    text(values, LevelPlan.class, LevelPlan::parse);
    text(values, DatabaseSelector.class, DatabaseSelector::parse);
    text(values, RetentionPeriod.class, RetentionPeriod::parse);
    text(values, Expire.class, Expire::parse);
    return new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
        .registerModule(values)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private static <T> void text(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addSerializer(type, ToStringSerializer.instance);
    module.addDeserializer(type, new StdScalarDeserializer<T>(type) {
      private static final long serialVersionUID = 1L;

      @Override
      public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return parse.apply(parser.getValueAsString());
      }
    });
  }
}
