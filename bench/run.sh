#!/usr/bin/env bash
# The benchmark against a stack started by ./run (from the repository root):
#   bench/run.sh [--gateway http://127.0.0.1:8080] [--jdbc jdbc:postgresql://127.0.0.1:15432/budget]
#                [--kafka 127.0.0.1:19092] [--posters 8] [--seconds 20] [--out bench/results]
#                [--rebuild-events 1000000] [--phases single,push,batch,rebuild,limits,auth,chain,memory]
#                [--token-uri http://127.0.0.1:9000/oauth2/token] [--credentials var/credentials.json]
# --rebuild-events N first produces N synthetic events to budget.events (they stay in the system's data).
# Every request carries a token of client bench (admin-client for the rebuild), secrets from var/credentials.json.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -DskipTests
exec java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.jixiao.bench.Benchmark "$@"
