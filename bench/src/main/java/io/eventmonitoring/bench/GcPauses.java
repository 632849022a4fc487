package io.eventmonitoring.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's GC collections since the last {@link #reset()}, as the JVM reports each one: to tell a pause of the
 * load generator or of the Kafka nodes from a stall elsewhere.
 */
final class GcPauses implements NotificationListener {

    private long count;
    private long maxMillis;

    GcPauses() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(this, null, null);
        }
    }

    @Override
    public synchronized void handleNotification(Notification notification, Object handback) {
        if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            long duration = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo().getDuration();
            count++;
            maxMillis = Math.max(maxMillis, duration);
        }
    }

    synchronized void reset() {
        count = 0;
        maxMillis = 0;
    }

    synchronized long count() {
        return count;
    }

    /** The longest collection, in ms. */
    synchronized long maxMillis() {
        return maxMillis;
    }
}
