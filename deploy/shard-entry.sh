#!/bin/sh
# One shard of a sharded SwabPlan run, as a cluster's job array starts it: works out K from the
# array index the scheduler sets, then runs `swabplan simulate --shard K/N`.
#   Kubernetes Indexed Job: JOB_COMPLETION_INDEX, 0 to N-1
#   Slurm job array (--array=1-N): SLURM_ARRAY_TASK_ID, 1 to N
# Settings (environment): SCENARIO (path), SHARDS (N), OUT (a folder every shard and the merge
# can reach), and optionally REPLICATIONS (default 200), SEED (default 1), PLAN, SHARD_BY
# (`replications`, the default, or `site-groups`: each shard runs every replication of some of
# the independent site groups, for a city too large for one machine), SWABPLAN (the binary,
# default `swabplan` on PATH). Extra arguments go to `swabplan simulate` as they are.
set -eu
: "${SCENARIO:?set SCENARIO to the scenario file}"
: "${SHARDS:?set SHARDS to the number of shards N}"
: "${OUT:?set OUT to the folder for the partial results}"
if [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
  K=$((JOB_COMPLETION_INDEX + 1))
elif [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  K=$SLURM_ARRAY_TASK_ID
elif [ -n "${SHARD:-}" ]; then
  K=$SHARD
else
  echo "shard-entry.sh: no shard index: set JOB_COMPLETION_INDEX (Kubernetes), SLURM_ARRAY_TASK_ID (Slurm) or SHARD" >&2
  exit 64
fi
set -- --replications "${REPLICATIONS:-200}" --seed "${SEED:-1}" --shard "$K/$SHARDS" --out "$OUT" "$@"
if [ -n "${PLAN:-}" ]; then set -- --plan "$PLAN" "$@"; fi
if [ -n "${SHARD_BY:-}" ]; then set -- --shard-by "$SHARD_BY" "$@"; fi
exec "${SWABPLAN:-swabplan}" simulate "$SCENARIO" "$@"
