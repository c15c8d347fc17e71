#!/usr/bin/env bash
# The benchmark against a stack started by ./run (from the repository root):
#   bench/run.sh [--gateway http://127.0.0.1:8080] [--jdbc jdbc:postgresql://127.0.0.1:15432/budget]
#                [--kafka 127.0.0.1:19092] [--posters 8] [--seconds 20] [--out bench/results]
#                [--rebuild-events 1000000] [--phases single,push,batch,rebuild,limits,auth,chain,dashboard,exports,memory]
#                [--token-uri http://127.0.0.1:9000/oauth2/token] [--credentials var/credentials.json]
#                [--project-years 5000] [--seed 13] [--load-threads 4] [--reloads 5] [--live-payments 10]
#                [--dashboard-user bureau] [--chromium PATH] [--chromedriver PATH]
#                [--export-project-years 10000] [--scoring http://127.0.0.1:8083] [--export-formats csv,json,pdf,xlsx]
#                [--export-department 上海市教育委员会] [--profile DIR]
#   bench/run.sh load [--project-years 5000] [--seed 13] [--load-threads 4]   only the dashboard's data set
# --rebuild-events N first produces N synthetic events to budget.events (they stay in the system's data).
# The dashboard phase first brings the system to --project-years (they stay too), then drives headless chromium.
# The exports phase first brings the current fiscal year to --export-project-years (the same generator, they stay),
# then takes the last finished quarter's snapshot and downloads each export twice as auditor-client, sampling
# scoring-service's heap from its Prometheus endpoint (--scoring).
# Every request carries a token of client bench (admin-client for the rebuild, auditor-client for the exports),
# secrets from var/credentials.json.
set -euo pipefail
cd "$(dirname "$0")/.."
main=io.jixiao.bench.Benchmark
if [[ "${1:-}" == load ]]; then
  main=io.jixiao.bench.DashboardLoad
  shift
fi
./mvnw -q -pl bench -am package -DskipTests
exec java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" "$main" "$@"
