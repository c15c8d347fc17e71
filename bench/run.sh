#!/usr/bin/env bash
# The benchmark against a stack started by ./run (from the repository root):
#   bench/run.sh [--gateway http://127.0.0.1:8080] [--jdbc jdbc:postgresql://127.0.0.1:15432/budget]
#                [--kafka 127.0.0.1:19092] [--posters 8] [--seconds 20] [--out bench/results]
#                [--rebuild-events 1000000] [--phases single,push,batch,rebuild,limits,auth,chain,dashboard,memory]
#                [--token-uri http://127.0.0.1:9000/oauth2/token] [--credentials var/credentials.json]
#                [--project-years 5000] [--seed 13] [--load-threads 4] [--reloads 5] [--live-payments 10]
#                [--dashboard-user bureau] [--chromium PATH] [--chromedriver PATH]
#   bench/run.sh load [--project-years 5000] [--seed 13] [--load-threads 4]   only the dashboard's data set
# --rebuild-events N first produces N synthetic events to budget.events (they stay in the system's data).
# The dashboard phase first brings the system to --project-years (they stay too), then drives headless chromium.
# Every request carries a token of client bench (admin-client for the rebuild), secrets from var/credentials.json.
set -euo pipefail
cd "$(dirname "$0")/.."
main=io.jixiao.bench.Benchmark
if [[ "${1:-}" == load ]]; then
  main=io.jixiao.bench.DashboardLoad
  shift
fi
./mvnw -q -pl bench -am package -DskipTests
exec java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" "$main" "$@"
