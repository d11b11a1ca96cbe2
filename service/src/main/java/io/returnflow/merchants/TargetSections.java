package io.returnflow.merchants;

import java.util.List;

/**
 * Every target's section of the merchant document, in the order the document and the console show
 * them. Provided by the list of targets (io.returnflow.wms.WmsTargets): the merchant API knows
 * sections, never a particular target.
 */
public interface TargetSections {

    List<TargetSection<?>> all();
}
