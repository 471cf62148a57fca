package org.bookslakehouse.infra;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Asset Bundle of {@code databricks-infra/} as the Databricks CLI reads it: {@code
 * databricks.yml} and the files its {@code include:} globs name, merged into one configuration, one
 * target's overrides applied, and its {@code ${...}} references resolved.
 *
 * <p>Note: each step follows the CLI's own code (github.com/databricks/cli), because the bundle
 * must pass the CLI, not a friendlier reading of it: includes and target overrides are merged by
 * {@code libs/dyn/merge} (maps key by key, sequences appended, scalars replaced; a target's {@code
 * run_as} and variable values replace), a job's {@code job_clusters} and {@code tasks} are then
 * merged by their keys, and references are resolved by {@code libs/dyn/dynvar}: in string values
 * only, never in map keys, a value that is exactly one reference taking the referenced value
 * whatever its type (a complex variable), any other string interpolating primitives.
 */
final class Bundle {
  /** A reference, as {@code libs/dyn/dynvar/ref.go} matches it. */
  static final Pattern REFERENCE =
      Pattern.compile(
          "\\$\\{([a-zA-Z]+(?:[-_]*[a-zA-Z0-9]+)*(?:\\.[a-zA-Z]+(?:[-_]*[a-zA-Z0-9]+)*"
              + "(?:\\[[0-9]+])*)*(?:\\[[0-9]+])*)}");

  /** A reference to a variable: {@code ${var.NAME}}, possibly into a complex one. */
  static final Pattern VAR_REFERENCE = Pattern.compile("\\$\\{var\\.([a-zA-Z][-_a-zA-Z0-9]*)");

  /**
   * Who deploys, for {@code ${workspace.current_user.userName}}: the CLI asks the workspace; the
   * test stands in a user.
   */
  static final String DEPLOYING_USER = "someone@example.com";

  /** The fields of a target that are merged into the configuration (config/root.go). */
  private static final List<String> MERGED_TARGET_FIELDS =
      List.of("bundle", "workspace", "artifacts", "resources", "sync", "permissions", "presets");

  /** The roots of references the CLI resolves before deploying; others wait for deployment. */
  private static final Set<String> RESOLVED_ROOTS = Set.of("bundle", "workspace", "variables");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final Path dir;
  final JsonNode root;

  /** Each configuration file (databricks.yml first, then the included ones) and its tree. */
  final Map<Path, JsonNode> files;

  private Bundle(Path dir, JsonNode root, Map<Path, JsonNode> files) {
    this.dir = dir;
    this.root = root;
    this.files = files;
  }

  static Bundle load(Path dir) {
    JsonNode root = read(dir.resolve("databricks.yml"));
    Map<Path, JsonNode> files = new LinkedHashMap<>();
    files.put(dir.resolve("databricks.yml"), root);
    for (JsonNode glob : root.path("include")) {
      List<Path> matched = matching(dir, glob.asText());
      checkArgument(!matched.isEmpty(), "include: %s matches no file in %s", glob.asText(), dir);
      for (Path file : matched) {
        files.put(file, read(file));
      }
    }
    return new Bundle(dir, root, files);
  }

  private static List<Path> matching(Path dir, String glob) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .filter(path -> matcher.matches(dir.relativize(path)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The job's definition, as written, and the file that holds it. */
  Map.Entry<Path, JsonNode> job(String key) {
    for (Map.Entry<Path, JsonNode> file : files.entrySet()) {
      JsonNode job = file.getValue().path("resources").path("jobs").path(key);
      if (job.isObject()) {
        return Map.entry(file.getKey(), job);
      }
    }
    throw new IllegalArgumentException("No job " + key + " in " + files.keySet());
  }

  /** The variables databricks.yml declares. */
  List<String> declaredVariables() {
    List<String> names = new ArrayList<>();
    root.path("variables").fieldNames().forEachRemaining(names::add);
    return names;
  }

  List<String> targets() {
    List<String> names = new ArrayList<>();
    root.path("targets").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** databricks.yml with every included file merged into it, in the order the CLI loads them. */
  @SuppressWarnings("ReferenceEquality") // Note: skips databricks.yml's own node, not equal ones
  ObjectNode merged() {
    JsonNode merged = root.deepCopy();
    for (Map.Entry<Path, JsonNode> file : files.entrySet()) {
      if (file.getValue() != root) {
        merged = merge(merged, file.getValue(), file.getKey().getFileName().toString());
      }
    }
    return (ObjectNode) merged;
  }

  /**
   * The configuration of one target, references not yet resolved: the merged files, the target's
   * overrides applied, its variable values as the variables' defaults, and each job's clusters and
   * tasks merged by key. The {@code targets} section is gone, as after the CLI selects one.
   */
  ObjectNode target(String name) {
    ObjectNode config = merged();
    JsonNode target = config.path("targets").path(name);
    checkArgument(target.isObject(), "No target %s in databricks.yml: %s", name, targets());
    for (String field : MERGED_TARGET_FIELDS) {
      if (target.has(field)) {
        config.set(field, merge(config.get(field), target.get(field), "targets." + name));
      }
    }
    target
        .path("variables")
        .fields()
        .forEachRemaining(
            v -> {
              JsonNode declared = config.path("variables").path(v.getKey());
              checkArgument(
                  declared.isObject(),
                  "variable %s is not defined but is assigned a value in target %s",
                  v.getKey(),
                  name);
              JsonNode override = targetVariable(v.getValue(), declared);
              checkArgument(
                  override.has("default"),
                  "target %s: variable %s: only values are supported here, not %s",
                  name,
                  v.getKey(),
                  override);
              ((ObjectNode) declared).set("default", override.get("default"));
            });
    if (target.has("run_as")) {
      config.set("run_as", target.get("run_as"));
    }
    config.remove("targets");
    for (JsonNode job : config.path("resources").path("jobs")) {
      mergeElementsByKey((ObjectNode) job, "job_clusters", "job_cluster_key");
      mergeElementsByKey((ObjectNode) job, "tasks", "task_key");
    }
    return config;
  }

  /**
   * A target's value of a variable as the CLI reads it (config/root.go, rewriteShorthands): a
   * scalar, or any map or sequence for a complex variable, is the value itself.
   */
  private static JsonNode targetVariable(JsonNode value, JsonNode declared) {
    boolean complex = "complex".equals(declared.path("type").asText());
    if (value.isValueNode() || complex) {
      ObjectNode wrapped = NODES.objectNode();
      wrapped.set("default", value);
      return wrapped;
    }
    return value;
  }

  /**
   * The configuration of one target as the CLI deploys it: {@link #target} with every reference to
   * {@code bundle}, {@code workspace} and {@code var} resolved, and each variable's resolved value
   * under {@code variables.NAME.value}.
   */
  ObjectNode resolved(String name) {
    ObjectNode config = target(name);
    ObjectNode context = config.deepCopy();
    context.withObject("/bundle").put("target", name);
    ObjectNode user = context.withObject("/workspace/current_user");
    user.put("userName", DEPLOYING_USER);
    user.put("short_name", DEPLOYING_USER.substring(0, DEPLOYING_USER.indexOf('@')));
    ObjectNode workspace = context.withObject("/workspace");
    if (!workspace.hasNonNull("root_path")) {
      workspace.put(
          "root_path",
          "/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}");
    }
    for (String path : List.of("file_path", "artifact_path", "state_path", "resource_path")) {
      if (!workspace.hasNonNull(path)) {
        workspace.put(path, "${workspace.root_path}/" + path.substring(0, path.indexOf('_')) + "s");
      }
    }
    context
        .path("variables")
        .fields()
        .forEachRemaining(
            v -> {
              checkArgument(
                  v.getValue().has("default"),
                  "no value assigned to required variable %s in target %s",
                  v.getKey(),
                  name);
              ((ObjectNode) v.getValue()).set("value", v.getValue().get("default"));
            });

    Resolver resolver = new Resolver(context);
    ObjectNode resolved = (ObjectNode) resolver.values(config, new ArrayDeque<>(), false);
    for (String field : List.of("bundle", "workspace")) {
      resolved.set(field, resolver.lookup(field, new ArrayDeque<>(), false));
    }
    context
        .path("variables")
        .fieldNames()
        .forEachRemaining(
            v ->
                ((ObjectNode) resolved.path("variables").path(v))
                    .set("value", resolver.lookup("var." + v, new ArrayDeque<>(), false)));
    return resolved;
  }

  /** The value of each variable in a target, resolved. */
  Map<String, JsonNode> variables(String target) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    resolved(target)
        .path("variables")
        .fields()
        .forEachRemaining(v -> values.put(v.getKey(), v.getValue().path("value")));
    return values;
  }

  /**
   * libs/dyn/merge: maps merged key by key, sequences appended, any other value replaced; a null on
   * either side gives the other.
   */
  static JsonNode merge(JsonNode a, JsonNode b, String where) {
    if (a == null || a.isNull() || a.isMissingNode()) {
      return b.deepCopy();
    }
    if (b == null || b.isNull() || b.isMissingNode()) {
      return a.deepCopy();
    }
    if (a.isObject()) {
      checkArgument(b.isObject(), "%s: cannot merge a map with %s", where, b.getNodeType());
      ObjectNode out = a.deepCopy();
      b.fields()
          .forEachRemaining(
              f -> out.set(f.getKey(), merge(a.get(f.getKey()), f.getValue(), where)));
      return out;
    }
    if (a.isArray()) {
      checkArgument(b.isArray(), "%s: cannot merge a sequence with %s", where, b.getNodeType());
      ArrayNode out = a.deepCopy();
      b.forEach(element -> out.add(element.deepCopy()));
      return out;
    }
    checkArgument(b.isValueNode(), "%s: cannot merge %s with a %s", where, a, b.getNodeType());
    return b.deepCopy();
  }

  /**
   * The CLI's MergeJobClusters and MergeJobTasks: elements of a sequence with the same key are
   * merged into the first one, in order.
   */
  private static void mergeElementsByKey(ObjectNode job, String sequence, String key) {
    if (!job.path(sequence).isArray()) {
      return;
    }
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode element : job.get(sequence)) {
      byKey.merge(element.path(key).asText(), element, (a, b) -> merge(a, b, sequence));
    }
    ArrayNode merged = NODES.arrayNode();
    byKey.values().forEach(merged::add);
    job.set(sequence, merged);
  }

  /**
   * libs/dyn/dynvar's resolver over one configuration: references are looked up in the context (the
   * configuration with what the CLI adds: the target's name, the user, the workspace paths, each
   * variable's value), resolved again where the value found holds references, with cycles an error.
   * A reference outside {@code bundle}, {@code workspace} and {@code var} is left in place, as the
   * CLI leaves it for the deployment.
   */
  private static final class Resolver {
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)]");

    private final JsonNode context;
    private final Set<String> complexVariables = new HashSet<>();
    private final Map<String, JsonNode> resolved = new HashMap<>();

    Resolver(JsonNode context) {
      this.context = context;
      context
          .path("variables")
          .fields()
          .forEachRemaining(
              v -> {
                if ("complex".equals(v.getValue().path("type").asText())) {
                  complexVariables.add(v.getKey());
                }
              });
    }

    /** A copy of the tree with the references in its string values resolved; keys as they are. */
    JsonNode values(JsonNode node, Deque<String> seen, boolean inComplex) {
      if (node.isTextual()) {
        return string(node.asText(), seen, inComplex);
      }
      if (node.isArray()) {
        ArrayNode copy = NODES.arrayNode();
        node.forEach(element -> copy.add(values(element, seen, inComplex)));
        return copy;
      }
      if (node.isObject()) {
        ObjectNode copy = NODES.objectNode();
        node.fields()
            .forEachRemaining(
                field -> copy.set(field.getKey(), values(field.getValue(), seen, inComplex)));
        return copy;
      }
      return node;
    }

    private JsonNode string(String text, Deque<String> seen, boolean inComplex) {
      Matcher matcher = REFERENCE.matcher(text);
      if (matcher.matches()) {
        JsonNode value = lookup(matcher.group(1), seen, inComplex);
        return value == null ? TextNode.valueOf(text) : value;
      }
      matcher.reset();
      StringBuilder result = new StringBuilder();
      while (matcher.find()) {
        JsonNode value = lookup(matcher.group(1), seen, inComplex);
        String replacement = matcher.group();
        if (value != null) {
          checkArgument(
              value.isValueNode(),
              "cannot interpolate non-primitive value of type %s into string: %s",
              value.getNodeType(),
              text);
          replacement = value.asText();
        }
        matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(result);
      return TextNode.valueOf(result.toString());
    }

    /** The resolved value a reference names, or null when the CLI resolves it only on deploy. */
    JsonNode lookup(String reference, Deque<String> seen, boolean inComplex) {
      List<String> path = new ArrayList<>(List.of(reference.split("\\.")));
      if (path.get(0).equals("var")) {
        checkArgument(path.size() > 1, "${%s} names no variable", reference);
        path.set(0, "variables");
        path.add(2, "value");
      }
      if (!RESOLVED_ROOTS.contains(path.get(0))) {
        return null;
      }
      boolean complex = path.get(0).equals("variables") && complexVariables.contains(path.get(1));
      checkArgument(
          !(inComplex && complex),
          "complex variables cannot contain references to another complex variables: ${%s}",
          reference);
      String key = String.join(".", path);
      checkArgument(
          !seen.contains(key),
          "cycle detected in field resolution: %s -> %s",
          String.join(" -> ", seen),
          key);
      if (resolved.containsKey(key)) {
        return resolved.get(key);
      }
      JsonNode raw = at(context, path);
      checkArgument(raw != null, "reference does not exist: ${%s}", reference);
      seen.addLast(key);
      JsonNode value = values(raw, seen, complex || inComplex);
      seen.removeLast();
      resolved.put(key, value);
      return value;
    }

    /** The node at a path of keys, each possibly indexed ({@code tasks[0]}); null if none. */
    private static JsonNode at(JsonNode node, List<String> path) {
      JsonNode current = node;
      for (String element : path) {
        Matcher index = INDEX.matcher(element);
        int bracket = element.indexOf('[');
        current = current.path(bracket < 0 ? element : element.substring(0, bracket));
        while (index.find()) {
          current = current.path(Integer.parseInt(index.group(1)));
        }
        if (current.isMissingNode()) {
          return null;
        }
      }
      return current;
    }
  }

  /** Calls the visitor with every field (its key, its value) of the tree, at any depth. */
  static void visitFields(JsonNode node, BiConsumer<String, JsonNode> visitor) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        visitor.accept(field.getKey(), field.getValue());
        visitFields(field.getValue(), visitor);
      }
    } else if (node.isArray()) {
      node.forEach(element -> visitFields(element, visitor));
    }
  }

  /** Every map key of the tree, at any depth. */
  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    visitFields(node, (key, value) -> keys.add(key));
    return keys;
  }

  /** Every string value of the tree, at any depth (in maps and in sequences). */
  static List<String> values(JsonNode node) {
    List<String> strings = new ArrayList<>();
    if (node.isTextual()) {
      strings.add(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(child -> strings.addAll(values(child)));
    }
    return strings;
  }

  /** Every string of the tree, keys and values, at any depth. */
  static List<String> strings(JsonNode node) {
    List<String> strings = keys(node);
    strings.addAll(values(node));
    return strings;
  }
}
