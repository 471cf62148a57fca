package org.bookslakehouse.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.bookslakehouse.pipeline.LakeTable;
import org.bookslakehouse.pipeline.TableRegistry;

/**
 * The lineage graph of the table registry as a small layered SVG: one column per depth (a table
 * without upstreams has depth 0, any other one more than its deepest upstream), one box per table,
 * an arrow from each upstream to the tables that read it. Drawn from the registry, so a new table
 * appears by itself. (No charting library draws a graph; this is boxes and lines.)
 */
final class LineageSvg {
  private static final int BOX_WIDTH = 210;
  private static final int BOX_HEIGHT = 26;
  private static final int COLUMN_GAP = 90;
  private static final int ROW_GAP = 14;
  private static final int MARGIN = 12;

  private LineageSvg() {}

  static String of(TableRegistry registry) {
    List<List<LakeTable>> columns = columnsByDepth(registry);
    int rows = columns.stream().mapToInt(List::size).max().orElse(0);
    int width = 2 * MARGIN + columns.size() * BOX_WIDTH + (columns.size() - 1) * COLUMN_GAP;
    int height = 2 * MARGIN + rows * BOX_HEIGHT + Math.max(0, rows - 1) * ROW_GAP;
    Map<String, int[]> at = positions(columns, height);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
            + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    edges(svg, registry, at);
    boxes(svg, registry, at);
    return svg.append("</svg>\n").toString();
  }

  /** The tables in columns: each one column right of its deepest upstream, sources first. */
  private static List<List<LakeTable>> columnsByDepth(TableRegistry registry) {
    Map<String, Integer> depth = new HashMap<>();
    List<List<LakeTable>> columns = new ArrayList<>();
    for (LakeTable table : registry.ordered()) {
      int d = table.upstreams().stream().mapToInt(u -> depth.get(u) + 1).max().orElse(0);
      depth.put(table.name(), d);
      while (columns.size() <= d) {
        columns.add(new ArrayList<>());
      }
      columns.get(d).add(table);
    }
    return columns;
  }

  /** Each table's box's top left corner: the columns side by side, each centred vertically. */
  private static Map<String, int[]> positions(List<List<LakeTable>> columns, int height) {
    Map<String, int[]> at = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      List<LakeTable> column = columns.get(c);
      int top = (height - column.size() * (BOX_HEIGHT + ROW_GAP) + ROW_GAP) / 2;
      for (int r = 0; r < column.size(); r++) {
        at.put(
            column.get(r).name(),
            new int[] {MARGIN + c * (BOX_WIDTH + COLUMN_GAP), top + r * (BOX_HEIGHT + ROW_GAP)});
      }
    }
    return at;
  }

  /** An arrow from each upstream's box to the box of each table that reads it. */
  private static void edges(StringBuilder svg, TableRegistry registry, Map<String, int[]> at) {
    for (LakeTable table : registry.ordered()) {
      int[] to = at.get(table.name());
      for (String upstream : table.upstreams()) {
        int[] from = at.get(upstream);
        int x1 = from[0] + BOX_WIDTH;
        int y1 = from[1] + BOX_HEIGHT / 2;
        int x2 = to[0];
        int y2 = to[1] + BOX_HEIGHT / 2;
        int mid = (x1 + x2) / 2;
        svg.append(
            String.format(
                Locale.ROOT,
                "<path class=\"edge\" data-from=\"%s\" data-to=\"%s\" d=\"M%d,%d C%d,%d %d,%d"
                    + " %d,%d\" fill=\"none\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>%n",
                upstream,
                table.name(),
                x1,
                y1,
                mid,
                y1,
                mid,
                y2,
                x2,
                y2));
      }
    }
  }

  /** A box per table, named and coloured by its layer. */
  private static void boxes(StringBuilder svg, TableRegistry registry, Map<String, int[]> at) {
    for (LakeTable table : registry.ordered()) {
      int[] box = at.get(table.name());
      String name = StringEscapeUtils.escapeXml11(table.name());
      svg.append(
          String.format(
              Locale.ROOT,
              "<g class=\"table\" data-table=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\""
                  + " height=\"%d\" rx=\"5\" fill=\"%s\" stroke=\"#333\"/><text x=\"%d\" y=\"%d\""
                  + " text-anchor=\"middle\">%s</text></g>%n",
              name,
              box[0],
              box[1],
              BOX_WIDTH,
              BOX_HEIGHT,
              fill(table.name()),
              box[0] + BOX_WIDTH / 2,
              box[1] + BOX_HEIGHT / 2 + 4,
              name));
    }
  }

  private static String fill(String table) {
    if (table.startsWith("bronze_")) {
      return "#e8c9a0";
    }
    if (table.startsWith("silver_")) {
      return "#dfe3e8";
    }
    return table.startsWith("gold_") ? "#f5dc7a" : "#ffffff";
  }
}
