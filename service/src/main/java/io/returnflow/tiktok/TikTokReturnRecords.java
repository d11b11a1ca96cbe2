package io.returnflow.tiktok;

import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnStore;

import org.springframework.stereotype.Component;

/** The return store, seen from a TikTok shop: is a return known (and how recent), and recording its new status. */
@Component("tiktokReturnRecords")
public class TikTokReturnRecords {

    private final ReturnStore store;

    public TikTokReturnRecords(ReturnStore store) {
        this.store = store;
    }

    public boolean isKnown(String shopId, String returnId) {
        return store.idOf(ReturnSource.TIKTOK, shopId, returnId).isPresent();
    }

    /** TikTok's update time the return was last recorded at; empty when it was never recorded. */
    public java.util.Optional<Long> recordedUpdateTime(String shopId, String returnId) {
        return store.sourceUpdatedAt(ReturnSource.TIKTOK, shopId, returnId);
    }

    public boolean applyStatus(String shopId, TikTokReturn ret) {
        return store.applyStatus(ReturnSource.TIKTOK, shopId, ret.returnId(), TikTokReturnDrafts.status(ret));
    }
}
