package org.bookslakehouse.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The named queries of one place: a folder of {@code NAME.sql} files, or the {@code queries/}
 * resources packaged in the jar (the project's {@code queries/} folder at build time).
 *
 * <p>{@link #locate} picks the place: the {@code --queries} folder when given; else the folder the
 * system property {@code books.queries} names ({@code bin/books} sets it to the project's {@code
 * queries/}), when it exists; else {@code ./queries}, when it exists; else the jar's.
 */
public final class QueryLibrary {
  /** The system property naming the default queries folder. */
  public static final String PROPERTY = "books.queries";

  /** The folder of the queries in the jar (and in the project). */
  public static final String RESOURCE_FOLDER = "queries";

  private final String location;
  private final Map<String, NamedQuery> queries;

  private QueryLibrary(String location, List<NamedQuery> queries) {
    this.location = location;
    Map<String, NamedQuery> byName = new TreeMap<>();
    queries.forEach(q -> byName.put(q.name(), q));
    this.queries = byName;
  }

  /** The library of the given folder, else the default one (see the class comment). */
  public static QueryLibrary locate(Optional<Path> folder) {
    if (folder.isPresent()) {
      if (!Files.isDirectory(folder.get())) {
        throw new QueryException(
            "--queries " + folder.get() + ": no such folder (it holds the NAME.sql query files)");
      }
      return fromFolder(folder.get());
    }
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property))) {
      return fromFolder(Path.of(property));
    }
    Path here = Path.of(RESOURCE_FOLDER);
    if (Files.isDirectory(here)) {
      return fromFolder(here);
    }
    return packaged();
  }

  /** Every {@code *.sql} file of the folder (not its subfolders). */
  public static QueryLibrary fromFolder(Path folder) {
    List<NamedQuery> queries = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".sql") && Files.isRegularFile(file)) {
          queries.add(
              QueryFileParser.parse(
                  fileName, file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the queries in " + folder, e);
    }
    return new QueryLibrary(folder.toAbsolutePath().normalize().toString(), queries);
  }

  /** The queries packaged in the jar (or, in development, on the class path). */
  public static QueryLibrary packaged() {
    URL url = QueryLibrary.class.getClassLoader().getResource(RESOURCE_FOLDER);
    if (url == null) {
      return new QueryLibrary("the books jar (no queries packaged)", List.of());
    }
    try {
      if (url.getProtocol().equals("file")) {
        QueryLibrary folder = fromFolder(Path.of(url.toURI()));
        return new QueryLibrary("the books jar", folder.all());
      }
      URLConnection connection = url.openConnection();
      if (connection instanceof JarURLConnection jar) {
        jar.setUseCaches(false);
        return new QueryLibrary("the books jar", fromJar(jar.getJarFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the queries packaged at " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot read the queries packaged at " + url, e);
    }
    throw new IllegalStateException("Cannot list the queries packaged at " + url);
  }

  private static List<NamedQuery> fromJar(JarFile jar) throws IOException {
    List<NamedQuery> queries = new ArrayList<>();
    try (jar) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String path = entry.getName();
        if (!path.startsWith(RESOURCE_FOLDER + "/")) {
          continue;
        }
        String fileName = path.substring(RESOURCE_FOLDER.length() + 1);
        if (fileName.endsWith(".sql") && !fileName.contains("/")) {
          try (InputStream in = jar.getInputStream(entry)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            queries.add(QueryFileParser.parse(fileName, "jar:" + path, text));
          }
        }
      }
    }
    return queries;
  }

  /** Where the queries come from: a folder's path, or "the books jar". */
  public String location() {
    return location;
  }

  /** Every query, by name. */
  public List<NamedQuery> all() {
    return List.copyOf(queries.values());
  }

  /**
   * The query of this name.
   *
   * @throws QueryException naming the known queries when there is none
   */
  public NamedQuery get(String name) {
    NamedQuery query = queries.get(name);
    if (query == null) {
      throw new QueryException(
          queries.isEmpty()
              ? "Unknown query '" + name + "': " + location + " holds no queries."
              : "Unknown query '"
                  + name
                  + "'. Known queries: "
                  + String.join(", ", queries.keySet())
                  + " (books query --list describes them).");
    }
    return query;
  }
}
