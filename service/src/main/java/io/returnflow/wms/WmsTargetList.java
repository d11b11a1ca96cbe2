package io.returnflow.wms;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.wms.targets}: the list of targets, by name, in the order the merchant document, the
 * merchant API and the console show them. Everything about a target follows from its line here and
 * its package ({@link WmsTargets}).
 */
@ConfigurationProperties("app.wms")
public record WmsTargetList(List<String> targets) {

    public List<String> targets() {
        return targets == null ? List.of() : targets;
    }
}
