package org.bookslakehouse.pipeline;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** A table that only has a name and upstreams: enough for the graph, the registry, and resets. */
record FakeTable(String name, List<String> upstreams, ResetScope resetScope) implements LakeTable {
  FakeTable(String name, String... upstreams) {
    this(name, List.of(upstreams), ResetScope.CHECKPOINT);
  }

  @Override
  public StreamSource source() {
    return new StreamSource.TableAppends(upstreams);
  }

  @Override
  public StructType schema() {
    return new StructType();
  }

  @Override
  public Map<String, String> properties() {
    return Map.of();
  }

  @Override
  public Dataset<Row> transform(BatchContext batch) {
    throw new UnsupportedOperationException("not a real table");
  }
}
