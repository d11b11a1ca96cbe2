package io.returnflow.wms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.returnflow.messaging.QueueDeclarations;
import io.returnflow.returns.ReturnCreated;
import io.returnflow.returns.ReturnStatusChanged;

import org.springframework.stereotype.Component;

/**
 * The targets' queues, from the list of targets: {@code returns.created.<name>} for every target, so
 * each gets every new return on its own, and {@code returns.changed.<name>} for those following
 * outcomes. Each gets its dead-letter queue from the broker topology.
 */
@Component
class WmsTargetQueues implements QueueDeclarations {

    private final Map<String, List<String>> topics = new LinkedHashMap<>();

    WmsTargetQueues(WmsTargets targets) {
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (WmsTarget<?> target : targets.targets()) {
            created.add(WmsTargets.queueOf(target.name()));
            if (WmsTargets.followsOutcomes(target)) {
                changed.add(WmsTargets.outcomeQueueOf(target.name()));
            }
        }
        topics.put(ReturnCreated.ADDRESS, List.copyOf(created));
        topics.put(ReturnStatusChanged.ADDRESS, List.copyOf(changed));
    }

    @Override
    public Map<String, List<String>> topics() {
        return topics;
    }
}
