package org.bookslakehouse.pipeline;

import java.util.Map;
import org.apache.spark.sql.types.StructType;

/** A Delta table to create: its name, schema and table properties. */
public record TableSpec(String name, StructType schema, Map<String, String> properties) {
  public TableSpec {
    properties = Map.copyOf(properties);
  }
}
