package io.returnflow.tiktok;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.intake.NotificationReader;
import io.returnflow.tiktok.connect.ConnectedShop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reconciliation behind the webhooks (TikTok gives up on a webhook after four retries): a round
 * searches the shop's returns, then its buyer cancellation requests, TikTok updated since the last
 * round, through the signed, rate-limited client, and finds those the service never recorded or
 * recorded at an older update. Each finding goes on the return events queue like a webhook (type 12
 * for a return, 11 for a cancellation): it is re-read and recorded by the usual flow. Rounds are
 * leased per shop ({@link TikTokReconcileRounds}).
 */
@Component("tiktokReconciliation")
public class TikTokReconciliation {

    private static final Logger log = LoggerFactory.getLogger(TikTokReconciliation.class);
    private static final int MAX_PAGES = 1000;

    /**
     * A return or cancellation request TikTok has and the service is behind on.
     *
     * @param eventType the webhook type that would have brought it: 12 (return) or 11 (cancellation)
     * @param tiktokId  TikTok's return id, or cancel id
     * @param recorded  false: never recorded (every webhook lost); true: recorded at an older update
     */
    public record Finding(String shopId, int eventType, String tiktokId, String orderId, String status, long updateTime,
                          boolean recorded) {

        static Finding of(String shopId, TikTokReturn ret, boolean recorded) {
            return new Finding(shopId, NotificationReader.RETURN_STATUS_CHANGE, ret.returnId(), ret.orderId(),
                    ret.returnStatus(), ret.updateTime(), recorded);
        }

        static Finding of(String shopId, TikTokCancellation cancellation, boolean recorded) {
            return new Finding(shopId, NotificationReader.CANCELLATION_STATUS_CHANGE, cancellation.cancelId(),
                    cancellation.orderId(), cancellation.cancelStatus(), cancellation.updateTime(), recorded);
        }

        String kind() {
            return recorded ? "behind" : "missed";
        }
    }

    /** A round this instance runs, with what it found. */
    public record Round(TikTokReconcileRounds.Lease lease, List<Finding> findings) {
    }

    private final TikTokReconcileRounds rounds;
    private final TikTokShopDirectory shops;
    private final TikTokReturns returns;
    private final TikTokCancellations cancellations;
    private final TikTokReturnRecords records;
    private final MeterRegistry meters;
    private final int pageSize;

    public TikTokReconciliation(TikTokReconcileRounds rounds, TikTokShopDirectory shops, TikTokReturns returns,
                                TikTokCancellations cancellations, TikTokReturnRecords records, MeterRegistry meters,
                                @Value("${tiktok.reconcile.page-size:50}") int pageSize) {
        this.rounds = rounds;
        this.shops = shops;
        this.returns = returns;
        this.cancellations = cancellations;
        this.records = records;
        this.meters = meters;
        this.pageSize = pageSize;
    }

    /**
     * The shop's round, if this instance takes it (due, or {@code now}; no other instance on it):
     * every page of the search, compared with what is recorded. Null when the round is not taken.
     */
    public Round begin(String shopId, Boolean now) {
        ConnectedShop shop = shops.connectedShop(shopId);
        Optional<TikTokReconcileRounds.Lease> lease = rounds.take(shopId, Boolean.TRUE.equals(now));
        if (lease.isEmpty()) {
            return null;
        }
        List<Finding> findings = new ArrayList<>();
        long since = lease.get().since();
        String pageToken = null;
        int pages = 0;
        do {
            pages = nextPage(pages, shopId);
            TikTokReturns.Page page = returns.searchUpdated(shop.accessToken(), shop.cipher(), since, pageSize, pageToken);
            for (TikTokReturn ret : page.returns()) {
                Optional<Long> recordedAt = records.recordedUpdateTime(shopId, ret.returnId());
                if (recordedAt.isEmpty() || recordedAt.get() < ret.updateTime()) {
                    findings.add(Finding.of(shopId, ret, recordedAt.isPresent()));
                }
            }
            pageToken = page.nextPage();
        } while (pageToken != null);
        pages = 0;
        do {
            pages = nextPage(pages, shopId);
            TikTokCancellations.Page page = cancellations.searchUpdated(shop.accessToken(), shop.cipher(), since, pageSize,
                    pageToken);
            for (TikTokCancellation cancellation : page.cancellations()) {
                Optional<Long> recordedAt = cancellations.recordedUpdateTime(shopId, cancellation.cancelId());
                if (recordedAt.isEmpty() || recordedAt.get() < cancellation.updateTime()) {
                    findings.add(Finding.of(shopId, cancellation, recordedAt.isPresent()));
                }
            }
            pageToken = page.nextPage();
        } while (pageToken != null);
        return new Round(lease.get(), List.copyOf(findings));
    }

    private static int nextPage(int pages, String shopId) {
        if (pages + 1 > MAX_PAGES) {
            throw new IllegalStateException("TikTok's search for shop " + shopId + " did not end after " + MAX_PAGES + " pages");
        }
        return pages + 1;
    }

    /** Every finding is on the queue: the shop is searched up to the round's end. */
    public void finish(Round round) {
        rounds.completed(round.lease());
        for (Finding finding : round.findings()) {
            Counter.builder("tiktok.reconcile.found")
                    .description("Returns reconciliation found the webhooks had not brought (missed) or brought late (behind)")
                    .tag("kind", finding.kind()).register(meters).increment();
        }
        if (!round.findings().isEmpty()) {
            log.warn("Reconciliation of TikTok shop {}: {} return(s) or cancellation(s) the webhooks had not brought up to date: {}",
                    round.lease().shopId(), round.findings().size(),
                    round.findings().stream().map(f -> f.tiktokId() + " (" + f.kind() + ")").toList());
        }
    }
}
