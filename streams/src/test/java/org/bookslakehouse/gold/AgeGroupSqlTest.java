package org.bookslakehouse.gold;

import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bookslakehouse.TestLake;
import org.bookslakehouse.silver.Cleansing;
import org.junit.jupiter.api.Test;

/** The gold tables' age group in SQL says what the silver rule {@link Cleansing#ageGroup} says. */
class AgeGroupSqlTest {
  @Test
  void theSqlAgreesWithTheRuleForEveryAge() {
    SparkSession spark = TestLake.spark();
    List<Row> ages = new ArrayList<>();
    ages.add(RowFactory.create((Integer) null));
    for (int age = 0; age <= 100; age++) {
      ages.add(RowFactory.create(age));
    }
    Map<Integer, String> expected = new HashMap<>();
    ages.forEach(row -> expected.put(row.<Integer>getAs(0), Cleansing.ageGroup(row.getAs(0))));

    Map<Integer, String> inSql = new HashMap<>();
    spark
        .createDataFrame(ages, new StructType().add("age", DataTypes.IntegerType))
        .select(expr("age"), expr(GoldSupport.AGE_GROUP_SQL))
        .collectAsList()
        .forEach(row -> inSql.put(row.<Integer>getAs(0), row.getString(1)));

    assertThat(inSql).hasSize(102).isEqualTo(expected);
    assertThat(inSql)
        .containsEntry(10, "0-10")
        .containsEntry(11, "11-20")
        .containsEntry(100, "91-100");
  }
}
