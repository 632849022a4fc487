#!/usr/bin/env bash
# Accepted commands per second and latency (p50/p99) of domain-user and domain-order, packaged, on a real
# 3-broker KRaft cluster, next to Kafka's ProducerPerformance (acks=all) on the same cluster. Prints numbers.
#
#   bench/domain-services.sh [--runs 3] [--seconds 10] [--warmup 60] [--connections 256] [--records 300000]
#                             [--closed-loop wrk|java]   (wrk: Debian's wrk on the PATH; else the Java generator)
#                             [--set eventmonitoring.publish.linger=10ms]...   (settings for the services)
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -pl domain-user,domain-order -am install -DskipTests
./mvnw -q -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

exec java -Xmx3g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.eventmonitoring.bench.DomainServicesBenchmark "$@"
