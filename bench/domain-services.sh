#!/usr/bin/env bash
# Accepted commands per second and latency (p50/p99) of domain-user and domain-order, packaged, on a real
# 3-broker KRaft cluster, next to Kafka's ProducerPerformance (acks=all) on the same cluster. Prints numbers.
#
#   bench/domain-services.sh [--runs 3] [--seconds 10] [--warmup 60] [--connections 256] [--records 300000]
#                             [--closed-loop wrk|java]   (wrk: Debian's wrk on the PATH; else the Java generator)
#                             [--bootstrap HOST:PORT,...]  (a running cluster, e.g. deploy/local/platform; else one in-process)
#                             [--transaction-ms 10]   (ProducerPerformance commits a transaction this often)
#                             [--set eventmonitoring.publish.max-batch=500]...   (settings for the services)
set -euo pipefail
cd "$(dirname "$0")/.."

# One reactor build, nothing installed: the services' packaged apps and the benchmark's classpath (reactor jars).
./mvnw -q -pl domain-user,domain-order,bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt

# The in-process brokers keep their logs in java.io.tmpdir: a tmpfs when there is one (BENCH_KAFKA_DIR to choose).
# Kafka does not fsync its logs (replication is its durability), and on a disk this VM's page-cache writeback
# (bursts of up to 850 MB in a second) stalled the brokers for seconds, which the services' latency then showed.
kafka_dir="${BENCH_KAFKA_DIR:-}"
if [[ -z "$kafka_dir" && -d /dev/shm && -w /dev/shm ]]; then
  kafka_dir=/dev/shm
fi
# A fixed, pre-touched heap for the Kafka nodes: growing it mid-phase faults in fresh pages.
exec java -Xms3g -Xmx3g -XX:+AlwaysPreTouch ${kafka_dir:+"-Djava.io.tmpdir=$kafka_dir"} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.eventmonitoring.bench.DomainServicesBenchmark "$@"
