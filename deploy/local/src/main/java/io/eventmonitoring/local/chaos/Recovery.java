package io.eventmonitoring.local.chaos;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.QuarkusApp;
import io.eventmonitoring.process.Role;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether the platform has recovered from a fault: every process runs, every service is ready, and every
 * partition (internal topics included) has all its replicas in sync, so that the next fault takes down one broker
 * of a whole cluster, never a second one of a cluster still missing one.
 */
final class Recovery {

    boolean recovered(List<ManagedProcess> processes, Admin admin) throws InterruptedException {
        if (!processes.stream().allMatch(ManagedProcess::isAlive)) {
            return false;
        }
        for (ManagedProcess service : processes) {
            if (service.role() == Role.SERVICE && !QuarkusApp.isReady(service)) {
                return false;
            }
        }
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(5, TimeUnit.SECONDS);
            return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(t -> t.partitions().stream())
                    .allMatch(Recovery::inSync);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean inSync(TopicPartitionInfo partition) {
        return partition.leader() != null && partition.isr().size() == TopicContract.REPLICATION_FACTOR;
    }
}
