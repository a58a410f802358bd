package io.coffer.catalog.definition;

/**
 * Which definitions {@link DefinitionRepository#list} returns. Unset filters (null) match
 * everything; {@code status} is the effective status, so STOPPED includes paused definitions.
 */
public record DefinitionFilter(String node, String agent, String volume, DefinitionStatus status) {

  public static DefinitionFilter all() {
    return new DefinitionFilter(null, null, null, null);
  }

  public DefinitionFilter node(String reference) {
    return new DefinitionFilter(reference, agent, volume, status);
  }

  public DefinitionFilter agent(String reference) {
    return new DefinitionFilter(node, reference, volume, status);
  }

  public DefinitionFilter volume(String reference) {
    return new DefinitionFilter(node, agent, reference, status);
  }

  public DefinitionFilter status(DefinitionStatus value) {
    return new DefinitionFilter(node, agent, volume, value);
  }
}
