package io.coffer.catalog.node;

import io.coffer.catalog.DuplicateNameException;
import io.coffer.catalog.Enums;
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

/**
 * Registers, changes and removes nodes. Setting a node DOWN pauses its definitions: they keep
 * their own status and report as paused (effectively STOPPED) until the node is RUNNING again, so
 * a definition stopped on purpose stays stopped when the node comes back.
 */
public final class NodeRepository {

  private final Store store;

  public NodeRepository(Store store) {
    this.store = store;
  }

  public Node add(NewNode node) {
    return store.change(new Change("node add", "node " + node.name(), node.toString()), handle -> {
      handle.createQuery("select id from node where name = :name").bind("name", node.name())
          .mapTo(Long.class).findOne()
          .ifPresent(id -> {
            throw new DuplicateNameException("node", node.name(), "node " + id);
          });
      long now = store.now().toEpochMilli();
      long id = handle.createUpdate("insert into node (name, engine, host, port, admin_user, credential,"
              + " data_directory, status, remarks, created_at, updated_at) values (:name, :engine, :host, :port,"
              + " :adminUser, :credential, :dataDirectory, :status, :remarks, :now, :now)")
          .bind("name", node.name())
          .bind("engine", node.engine().toString())
          .bind("host", node.host())
          .bind("port", node.port())
          .bind("adminUser", node.adminUser())
          .bind("credential", node.credential().toString())
          .bind("dataDirectory", node.dataDirectory())
          .bind("status", node.status().name())
          .bind("remarks", node.remarks())
          .bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return load(handle, id);
    });
  }

  public List<Node> list() {
    return store.read(handle -> handle.createQuery("select * from node order by name").map(NodeRepository::map).list());
  }

  /** The node with this id or name. */
  public Node show(String reference) {
    return store.read(handle -> load(handle, Lookup.id(handle, Table.NODE, reference)));
  }

  public Node update(String reference, NodeUpdate update) {
    return store.change(new Change("node update", "node " + reference, update.toString()), handle -> {
      Node node = load(handle, Lookup.id(handle, Table.NODE, reference));
      NewNode changed = update.applyTo(node);
      handle.createUpdate("update node set host = :host, port = :port, admin_user = :adminUser,"
              + " credential = :credential, data_directory = :dataDirectory, status = :status, remarks = :remarks,"
              + " updated_at = :now where id = :id")
          .bind("host", changed.host())
          .bind("port", changed.port())
          .bind("adminUser", changed.adminUser())
          .bind("credential", changed.credential().toString())
          .bind("dataDirectory", changed.dataDirectory())
          .bind("status", changed.status().name())
          .bind("remarks", changed.remarks())
          .bind("now", store.now().toEpochMilli())
          .bind("id", node.id())
          .execute();
      return load(handle, node.id());
    }, node -> "ok" + (update.changesStatus() ? pauseNote(node) : ""));
  }

  private String pauseNote(Node node) {
    long definitions = store.read(handle -> handle.createQuery("select count(*) from definition where node_id = :id"
            + " and status = 'ACTIVE'").bind("id", node.id()).mapTo(Long.class).one());
    return node.isDown()
        ? ": node DOWN, " + definitions + " active definitions paused"
        : ": node RUNNING, " + definitions + " active definitions run";
  }

  /**
   * Removes a node nothing refers to. A node used by definitions, one-offs, backups or restore
   * definitions is refused with a message naming them; this cannot be forced.
   */
  public void remove(String reference) {
    store.change(Change.of("node remove", "node " + reference), handle -> {
      long id = Lookup.id(handle, Table.NODE, reference);
      Dependents.describe(handle, Table.NODE, id).ifPresent(dependents -> {
        throw new InUseException("node", reference, dependents,
            "remove them first (definitions with backups need force, which forgets their backups)");
      });
      handle.createUpdate("delete from node where id = :id").bind("id", id).execute();
      return null;
    });
  }

  private static Node load(Handle handle, long id) {
    return handle.createQuery("select * from node where id = :id").bind("id", id).map(NodeRepository::map).one();
  }

  private static Node map(ResultSet row, StatementContext context) throws SQLException {
    return new Node(
        row.getLong("id"),
        row.getString("name"),
        Enums.engine(row.getString("engine")),
        row.getString("host"),
        Columns.nullableInt(row, "port"),
        row.getString("admin_user"),
        Credentials.parse(row.getString("credential")),
        row.getString("data_directory"),
        NodeStatus.valueOf(row.getString("status")),
        row.getString("remarks"),
        Columns.instant(row, "created_at"),
        Columns.instant(row, "updated_at"));
  }
}
