package io.coffer.catalog.agent;

import io.coffer.catalog.DuplicateNameException;
import io.coffer.catalog.InUseException;
import io.coffer.catalog.store.Change;
import io.coffer.catalog.store.Columns;
import io.coffer.catalog.store.Dependents;
import io.coffer.catalog.store.Lookup;
import io.coffer.catalog.store.Store;
import io.coffer.catalog.store.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Registers, changes and removes agents. Every method that changes something records history. */
public final class AgentRepository {

  private final Store store;

  public AgentRepository(Store store) {
    this.store = store;
  }

  public Agent add(NewAgent agent) {
    Change change = new Change("agent add", "agent " + agent.name(), "remarks \"" + agent.remarks() + "\"");
    return store.change(change, handle -> {
      handle.createQuery("select id from agent where name = :name").bind("name", agent.name())
          .mapTo(Long.class).findOne()
          .ifPresent(id -> {
            throw new DuplicateNameException("agent", agent.name(), "agent " + id);
          });
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into agent (name, host, domain, status, remarks, created_at, updated_at)"
              + " values (:name, :host, :domain, 'RUNNING', :remarks, :now, :now)")
          .bind("name", agent.name()).bind("host", agent.host()).bind("domain", agent.domain())
          .bind("remarks", agent.remarks()).bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    });
  }

  public List<Agent> list() {
    return store.read(handle -> handle.createQuery("select * from agent order by name").map(AgentRepository::map).list());
  }

  /** The agent with this id or name. */
  public Agent show(String reference) {
    return store.read(handle -> load(handle, Lookup.id(handle, Table.AGENT, reference)));
  }

  public Agent update(String reference, AgentUpdate update) {
    return store.change(new Change("agent update", "agent " + reference, update.toString()), handle -> {
      Agent agent = load(handle, Lookup.id(handle, Table.AGENT, reference));
      handle.createUpdate("update agent set status = :status, remarks = :remarks, updated_at = :now where id = :id")
          .bind("status", update.status().orElse(agent.status()).name())
          .bind("remarks", update.remarks().orElse(agent.remarks()))
          .bind("now", store.now().toEpochMilli())
          .bind("id", agent.id())
          .execute();
      return load(handle, agent.id());
    });
  }

  /**
   * Removes an agent nothing depends on. An agent that definitions, one-offs or restore
   * definitions use is refused, naming them: move them to another agent first.
   */
  public void remove(String reference) {
    store.change(Change.of("agent remove", "agent " + reference), handle -> {
      long id = Lookup.id(handle, Table.AGENT, reference);
      Dependents.describe(handle, Table.AGENT, id).ifPresent(dependents -> {
        throw new InUseException("agent", reference, dependents, "move them to another agent or remove them first");
      });
      handle.createUpdate("delete from agent where id = :id").bind("id", id).execute();
      return null;
    });
  }

  /**
   * Records that the agent is alive. Not a history event: agents beat every few seconds and the
   * time is kept on the agent row.
   */
  public Agent heartbeat(String reference) {
    return store.unrecorded(handle -> {
      long id = Lookup.id(handle, Table.AGENT, reference);
      handle.createUpdate("update agent set last_heartbeat = :now where id = :id")
          .bind("now", store.now().toEpochMilli()).bind("id", id).execute();
      return load(handle, id);
    });
  }

  private static Agent load(Handle handle, long id) {
    return handle.createQuery("select * from agent where id = :id").bind("id", id).map(AgentRepository::map).one();
  }

  private static Agent map(ResultSet row, StatementContext context) throws SQLException {
    return new Agent(
        row.getLong("id"),
        row.getString("name"),
        row.getString("host"),
        row.getString("domain"),
        AgentStatus.valueOf(row.getString("status")),
        row.getString("remarks"),
        Columns.instant(row, "last_heartbeat"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"));
  }
}
