package io.orderpulse.flashsale;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.orderpulse.flashsale.AdmissionPort.Admission;
import io.orderpulse.flashsale.internal.AdmissionRecorder;
import io.orderpulse.flashsale.internal.FlashSaleItems;
import io.orderpulse.flashsale.internal.StockTicker;
import io.orderpulse.identity.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Buyers' attempts to buy a flash-sale item. An attempt is admitted by the
 * {@link AdmissionPort} (window, one per user, stock in one atomic step), then recorded
 * together with its {@link FlashSaleAdmitted} event; if that fails the admission is
 * released. The order is created asynchronously; when that fails, or the order is
 * cancelled later, the admission is released and its unit of stock returns
 * ({@code internal.AdmissionOrders}, {@code internal.AdmissionReleases}).
 * <p>
 * This bean opens no transaction and is no proxy: a proxy invokes the method by
 * reflection, which wraps every refusal {@link #attempt} throws in an
 * {@code InvocationTargetException} with a full stack trace, and almost every attempt of
 * a flash sale is refused (docs/decisions/0007-cheaper-request-path.md).
 */
@Service
public class FlashSaleAttempts {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleAttempts.class);

	private final FlashSaleItems items;

	private final AdmissionPort admission;

	private final AdmissionRecorder recorder;

	private final StockTicker ticker;

	FlashSaleAttempts(FlashSaleItems items, AdmissionPort admission, AdmissionRecorder recorder, StockTicker ticker) {
		this.items = items;
		this.admission = admission;
		this.recorder = recorder;
		this.ticker = ticker;
	}

	/**
	 * A buyer tries to buy one unit of an item. An admission is stored with the others
	 * that arrive at the same time, in one transaction ({@link AdmissionRecorder}); the
	 * attempt answers once that committed, and gives the unit back if it failed.
	 * <p>
	 * The answer is a future completed by the recorder, so the request's thread does not
	 * wait for the commit (the web layer answers asynchronously): a virtual request
	 * thread that waited was not scheduled again for seconds while the crowd's sold-out
	 * attempts kept the scheduler busy (docs/decisions/0005-virtual-request-threads.md).
	 * @return completes with the request id under which the order is created (and can be
	 * polled) once the admission is stored, or exceptionally with why it was not
	 * @throws org.springframework.web.ErrorResponseException 409 sold out, already
	 * purchased or not active; 404 for an unknown item
	 */
	public CompletableFuture<String> attempt(AuthenticatedUser buyer, long itemId) {
		FlashSaleItem item = this.items.item(itemId);
		if (item == null || item.orgId() != buyer.orgId()) {
			throw FlashSaleProblems.itemNotFound(itemId);
		}
		Admission admitted = this.admission.admit(itemId, buyer.userId(), Instant.now());
		switch (admitted.outcome()) {
			case UNKNOWN_ITEM -> throw FlashSaleProblems.itemNotFound(itemId);
			case NOT_STARTED -> throw FlashSaleProblems.notActive(itemId, "starts at " + item.startTime());
			case ENDED -> throw FlashSaleProblems.notActive(itemId, "ended at " + item.endTime());
			case SOLD_OUT -> throw FlashSaleProblems.soldOut(itemId);
			case ALREADY_PURCHASED -> throw FlashSaleProblems.alreadyPurchased(itemId);
			case ADMITTED -> {
			}
		}
		String requestId = "flash-" + UUID.randomUUID();
		CompletableFuture<String> answer = new CompletableFuture<>();
		this.recorder.record(new FlashSaleAdmitted(itemId, buyer.userId(), buyer.orgId(), requestId))
			.whenComplete((stored, failure) -> {
				// on the recorder's thread: only quick steps here
				if (failure != null) {
					try {
						this.admission.release(itemId, buyer.userId());
					}
					catch (RuntimeException ex) {
						// the reconciliation gives back an admission never recorded
						log.warn("Releasing the admission of user {} to item {} failed: {}", buyer.userId(), itemId,
								ex.toString());
					}
					answer.completeExceptionally((failure instanceof CompletionException && failure.getCause() != null)
							? failure.getCause() : failure);
					return;
				}
				answer.complete(requestId);
				this.ticker.pushRemaining(item, admitted.remaining());
			});
		return answer;
	}

}
