// TwinPath's Neo4j for development and CI: Neo4j Community 5.26 LTS, embedded, serving Bolt over
// TCP and WebSocket on one port (127.0.0.1 only, no TLS). Started and stopped by
// scripts/neo4j.mjs (`npm run neo4j:start` / `npm run neo4j:stop`); the jars come from Maven
// Central through pom.xml beside this file.
//
//   java -cp 'lib/*' TwinPathNeo4j.java --data DIR [--port 7687] [--password P] [--pagecache 256m]
//
// Authentication stays on: the user `neo4j` gets the given password, so the tests can check
// what a client sees for bad credentials.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public final class TwinPathNeo4j {
  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
      opt.put(args[i].substring(2), args[i + 1]);
    }
    Path data = Path.of(opt.getOrDefault("data", ".neo4j/data")).toAbsolutePath();
    int port = Integer.parseInt(opt.getOrDefault("port", "7687"));
    String password = opt.getOrDefault("password", "twinpath-dev");
    long pageCacheMb = Long.parseLong(opt.getOrDefault("pagecache-mb", "256"));
    Files.createDirectories(data);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(HttpsConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        .build();

    // The embedded API runs with full rights: set the password of the built-in user.
    String escaped = password.replace("\\", "\\\\").replace("'", "\\'");
    dbms.database("system").executeTransactionally(
        "ALTER USER neo4j IF EXISTS SET PASSWORD '" + escaped + "' CHANGE NOT REQUIRED");

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("twinpath-neo4j: shutting down");
      dbms.shutdown();
      stopped.countDown();
    }));
    System.out.println("twinpath-neo4j: ready bolt://127.0.0.1:" + port + " (Bolt over TCP and WebSocket), data in " + data);
    System.out.flush();
    stopped.await();
  }
}
