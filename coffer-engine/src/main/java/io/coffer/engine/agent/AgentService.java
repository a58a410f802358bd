package io.coffer.engine.agent;

import io.coffer.catalog.agent.Agent;
import io.coffer.catalog.agent.AgentUpdate;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.config.ConfigEntry;
import io.coffer.engine.CatalogLink;
import java.util.List;

/** The agents the catalog knows and their settings, as every interface registers, lists and changes them. */
public final class AgentService {

  private final CatalogLink link;

  public AgentService(CatalogLink link) {
    this.link = link;
  }

  public Agent add(NewAgent agent) {
    return link.required().agents().add(agent);
  }

  public List<Agent> list() {
    return link.required().agents().list();
  }

  /** The agent with this id or name. */
  public Agent show(String reference) {
    return link.required().agents().show(reference);
  }

  public Agent update(String reference, AgentUpdate update) {
    return link.required().agents().update(reference, update);
  }

  /** Removes an agent; refused while definitions, one-offs or restores use it. */
  public void remove(String reference) {
    link.required().agents().remove(reference);
  }

  /** The agent's settings: its own values, else the defaults. */
  public List<ConfigEntry> settings(String reference) {
    return link.required().config().forAgent(reference);
  }

  /** Sets one of the agent's settings; the catalog checks the key and the value. */
  public void set(String reference, String key, String value) {
    link.required().config().setForAgent(reference, key, value);
  }
}
