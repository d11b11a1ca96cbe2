package io.returnflow.wms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.returnflow.merchants.TargetSection;
import io.returnflow.merchants.TargetSections;
import io.returnflow.merchants.TargetSettings;
import io.returnflow.merchants.TargetSettingsStore;
import io.returnflow.returns.ReturnCreated;
import io.returnflow.returns.ReturnStatusChanged;

import org.springframework.stereotype.Component;

/**
 * The list of targets ({@code app.wms.targets}), each matched to its {@link WmsTarget} bean, and what
 * follows from it: the targets' sections of the merchant document, their queues
 * ({@code returns.created.<name>}, and {@code returns.changed.<name>} for those following outcomes)
 * and their routes (WmsTargetRoutes, WmsTargetQueues). A listed name without a target bean, or a
 * target bean nobody listed, stops the start-up naming it. The routes call the targets through here.
 */
@Component("wmsTargets")
public class WmsTargets implements TargetSections {

    private final Map<String, WmsTarget<?>> targets = new LinkedHashMap<>();
    private final TargetSettingsStore settings;

    public WmsTargets(WmsTargetList list, List<WmsTarget<?>> beans, TargetSettingsStore settings) {
        this.settings = settings;
        Map<String, WmsTarget<?>> byName = new LinkedHashMap<>();
        for (WmsTarget<?> bean : beans) {
            byName.put(bean.name(), bean);
        }
        List<String> problems = new ArrayList<>();
        for (String name : list.targets()) {
            WmsTarget<?> target = byName.remove(name);
            if (target == null) {
                problems.add(name + " is listed in app.wms.targets but no WmsTarget bean is named so");
            } else {
                targets.put(name, target);
            }
        }
        byName.keySet().forEach(name -> problems.add("the WmsTarget " + name + " is not listed in app.wms.targets"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("WMS targets: " + String.join("; ", problems));
        }
    }

    /** Every target, in list order. */
    public List<WmsTarget<?>> targets() {
        return List.copyOf(targets.values());
    }

    @Override
    public List<TargetSection<?>> all() {
        return targets.values().stream().<TargetSection<?>>map(WmsTarget::section).collect(Collectors.toList());
    }

    /** The target's own queue on {@code returns.created}. */
    public static String queueOf(String target) {
        return ReturnCreated.ADDRESS + "." + target.toLowerCase(Locale.ROOT);
    }

    /** The queue on {@code returns.changed} of a target following outcomes. */
    public static String outcomeQueueOf(String target) {
        return ReturnStatusChanged.ADDRESS + "." + target.toLowerCase(Locale.ROOT);
    }

    public static boolean followsOutcomes(WmsTarget<?> target) {
        return target instanceof FollowsReturnOutcome<?>;
    }

    // --- the steps of the route templates, by target name ---

    /** The merchant's settings for the target (its defaults, off, when it gave none). */
    public TargetSettings settings(String target, String merchantId) {
        return settings.settings(merchantId, target(target).section());
    }

    public String createReturnAuthorization(String target, WmsReturn ret, TargetSettings merchantSettings,
                                            String waitingSince) {
        return create(target(target), ret, merchantSettings, waitingSince);
    }

    public FollowedOutcome follow(String target, WmsOutcome outcome, String externalId, TargetSettings merchantSettings) {
        return follow(target(target), outcome, externalId, merchantSettings);
    }

    private static <S extends TargetSettings> String create(WmsTarget<S> target, WmsReturn ret, TargetSettings settings,
                                                            String waitingSince) {
        return target.createReturnAuthorization(ret, target.cast(settings), waitingSince);
    }

    @SuppressWarnings("unchecked")
    private static <S extends TargetSettings> FollowedOutcome follow(WmsTarget<S> target, WmsOutcome outcome,
                                                                     String externalId, TargetSettings settings) {
        if (!(target instanceof FollowsReturnOutcome<?> follower)) {
            throw new IllegalStateException(target.name() + " does not follow return outcomes");
        }
        return ((FollowsReturnOutcome<S>) follower).follow(outcome, externalId, target.cast(settings));
    }

    private WmsTarget<?> target(String name) {
        WmsTarget<?> target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no WMS target " + name);
        }
        return target;
    }
}
