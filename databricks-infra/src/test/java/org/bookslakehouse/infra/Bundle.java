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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Asset Bundle of {@code databricks-infra/} as the Databricks CLI reads it: {@code
 * databricks.yml}, the files its {@code include:} globs name, and the values of its {@code
 * ${var.X}} references for one target.
 */
final class Bundle {
  static final Pattern VAR_REFERENCE = Pattern.compile("\\$\\{var\\.([A-Za-z0-9_-]+)}");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
      for (Path file : matching(dir, glob.asText())) {
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

  /** Each variable's value in a target: its default, or the target's own value. */
  Map<String, String> variables(String target) {
    Map<String, String> values = new LinkedHashMap<>();
    root.path("variables")
        .fields()
        .forEachRemaining(
            v -> {
              if (v.getValue().has("default")) {
                values.put(v.getKey(), v.getValue().get("default").asText());
              }
            });
    root.path("targets")
        .path(target)
        .path("variables")
        .fields()
        .forEachRemaining(v -> values.put(v.getKey(), v.getValue().asText()));
    return values;
  }

  /** A copy of the node with every {@code ${var.X}}, in keys and values, replaced by its value. */
  static JsonNode resolve(JsonNode node, Map<String, String> variables) {
    if (node.isTextual()) {
      return TextNode.valueOf(substitute(node.asText(), variables));
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(resolve(element, variables)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields()
          .forEachRemaining(
              field ->
                  copy.set(
                      substitute(field.getKey(), variables), resolve(field.getValue(), variables)));
      return copy;
    }
    return node;
  }

  static String substitute(String text, Map<String, String> variables) {
    Matcher matcher = VAR_REFERENCE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      checkArgument(variables.containsKey(name), "${var.%s} has no value", name);
      matcher.appendReplacement(result, Matcher.quoteReplacement(variables.get(name)));
    }
    matcher.appendTail(result);
    return result.toString();
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

  /** Every string of the tree, keys and values, at any depth. */
  static List<String> strings(JsonNode node) {
    List<String> strings = new ArrayList<>();
    visitFields(
        node,
        (key, value) -> {
          strings.add(key);
          if (value.isTextual()) {
            strings.add(value.asText());
          } else if (value.isArray()) {
            value.forEach(e -> strings.add(e.asText()));
          }
        });
    return strings;
  }
}
