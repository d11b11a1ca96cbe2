package io.returnflow.tiktok;

import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.ReturnStore;

import org.springframework.stereotype.Component;

/** The return store, seen from a TikTok shop: is a return known, and recording its new status. */
@Component("tiktokReturnRecords")
public class TikTokReturnRecords {

    private final ReturnStore store;

    public TikTokReturnRecords(ReturnStore store) {
        this.store = store;
    }

    public boolean isKnown(String shopId, String returnId) {
        return store.idOf(ReturnSource.TIKTOK, shopId, returnId).isPresent();
    }

    public boolean applyStatus(String shopId, TikTokReturn ret) {
        return store.applyStatus(ReturnSource.TIKTOK, shopId, ret.returnId(), TikTokReturnDrafts.status(ret));
    }
}
