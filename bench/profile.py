#!/usr/bin/env python3
"""Where a `books run` spends its executors' time, per task, from Spark's event log.

usage: profile.py EVENT_LOG SCALE

Record the event log of a run with
  BOOKS_JAVA_OPTS="-Xmx3g -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///some/folder" \
    bin/books run ...
then give the file Spark wrote there and the lake's scale (books generate --scale).

Per task (each table's task runs its jobs in a scheduler pool of its name), the executor CPU time
of its Spark jobs, in three parts:
  reads  jobs that read a whole upstream table: gold's recompute of the affected keys scanning silver
  merge  the MERGE's reads of the task's own table: jobs Delta labels ("Delta: ..." descriptions),
         and unlabelled jobs that read as many rows (within 1%) as a labelled one of the same task
         (Delta's search for the files a MERGE touches)
  rest   every other job: the batch's own queries, Delta's commits and log
A job "reads a table" when it reads at least 50,000 x SCALE rows: a daily batch is a few thousand
rows at every scale, the smallest table about 270,000 at scale 1.
"""
import collections
import json
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
log, scale = sys.argv[1], float(sys.argv[2])
whole_table = 50_000 * scale

jobs = {}  # job id -> (pool, labelled by Delta)
stage_job = {}
rows = collections.Counter()
cpu = collections.Counter()
with open(log, encoding="utf-8") as events:
    for line in events:
        event = json.loads(line)
        kind = event["Event"]
        if kind == "SparkListenerJobStart":
            props = event.get("Properties", {})
            description = props.get("spark.job.description") or ""
            jobs[event["Job ID"]] = (props.get("spark.scheduler.pool", "?"), description.startswith("Delta"))
            for stage in event["Stage IDs"]:
                stage_job[stage] = event["Job ID"]
        elif kind == "SparkListenerTaskEnd":
            job = stage_job.get(event["Stage ID"])
            metrics = event.get("Task Metrics") or {}
            if job is not None:
                rows[job] += metrics.get("Input Metrics", {}).get("Records Read", 0)
                cpu[job] += metrics.get("Executor CPU Time", 0) / 1e9

by_task = collections.defaultdict(list)
for job, (pool, _) in jobs.items():
    by_task[pool].append(job)

total = collections.Counter()
print(f"{'task':28s} {'jobs':>5s} {'CPU s':>7s} {'reads':>7s} {'merge':>7s} {'rest':>7s}")
for task, task_jobs in sorted(by_task.items()):
    merge_sizes = [rows[j] for j in task_jobs if jobs[j][1] and rows[j] >= whole_table]
    part = collections.Counter()
    for job in task_jobs:
        part["all"] += cpu[job]
        if rows[job] >= whole_table:
            own = jobs[job][1] or any(abs(rows[job] - size) <= 0.01 * size for size in merge_sizes)
            part["merge" if own else "reads"] += cpu[job]
    part["rest"] = part["all"] - part["reads"] - part["merge"]
    part["jobs"] = len(task_jobs)
    total.update(part)
    print(
        f"{task:28s} {part['jobs']:5d} {part['all']:7.1f} {part['reads']:7.1f} {part['merge']:7.1f} {part['rest']:7.1f}"
    )
print(
    f"{'all tasks':28s} {total['jobs']:5d} {total['all']:7.1f} {total['reads']:7.1f} {total['merge']:7.1f} {total['rest']:7.1f}"
)
