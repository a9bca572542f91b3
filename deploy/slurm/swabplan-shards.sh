#!/bin/bash
# A sharded SwabPlan run on Slurm: a job array of N shards, then one merge once all succeeded.
#   SCENARIO=Scenarios/panjiayuan-nanli.yaml SHARDS=8 REPLICATIONS=1000 OUT=$PWD/shards \
#     deploy/slurm/swabplan-shards.sh
# run from the repository on a shared file system (OUT must be reachable from every node), with
# `swabplan` built there (swift build -c release) or on PATH. The summary lands in $OUT/summary.
# SHARD_BY=site-groups splits by independent site groups instead of by replications.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${SCENARIO:?set SCENARIO}" "${SHARDS:?set SHARDS}" "${OUT:?set OUT}"
export SCENARIO SHARDS OUT REPLICATIONS="${REPLICATIONS:-200}" SEED="${SEED:-1}"
export SWABPLAN="${SWABPLAN:-$PWD/.build/release/swabplan}"
mkdir -p "$OUT"
array=$(sbatch --parsable --job-name=swabplan-shard --array="1-$SHARDS" --cpus-per-task=2 --mem=4G \
  --output="$OUT/shard-%a.log" --export=ALL deploy/shard-entry.sh)
merge=$(sbatch --parsable --job-name=swabplan-merge --dependency="afterok:$array" --cpus-per-task=1 --mem=4G \
  --output="$OUT/merge.log" --export=ALL \
  --wrap="\"$SWABPLAN\" merge \"$OUT\"/shard-*-of-$SHARDS.swabpart --out \"$OUT/summary\"")
echo "submitted shards $array (array 1-$SHARDS) and merge $merge; summary in $OUT/summary"
