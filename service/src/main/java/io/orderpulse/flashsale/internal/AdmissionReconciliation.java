package io.orderpulse.flashsale.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.FlashSaleItem;
import io.orderpulse.flashsale.internal.FlashSaleRepository.Purchase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Reconciles the stored admissions, the orders and the admission engine
 * ({@link FlashSaleJobs}, once a minute on one node): a unit taken by an admission that
 * never became an order comes back.
 */
@Component
public class AdmissionReconciliation {

	private static final Logger log = LoggerFactory.getLogger(AdmissionReconciliation.class);

	private final FlashSaleRepository repository;

	private final FlashSaleItems items;

	private final AdmissionPort admission;

	private final AdmissionReleases releases;

	private final StockTicker ticker;

	private final FlashSaleSettings settings;

	AdmissionReconciliation(FlashSaleRepository repository, FlashSaleItems items, AdmissionPort admission,
			AdmissionReleases releases, StockTicker ticker, FlashSaleSettings settings) {
		this.repository = repository;
		this.items = items;
		this.admission = admission;
		this.releases = releases;
		this.ticker = ticker;
		this.settings = settings;
	}

	/**
	 * Compares admissions older than the grace period that are still ADMITTED with the
	 * orders: one whose request became an order is marked ORDERED; one that never did (a
	 * crash between the admission and its order) is released, its request FAILED, and its
	 * unit, the user's mark and the sold-out flag come back. Safe to run concurrently
	 * with order creation: both lock the admission's row and act only on ADMITTED. Then
	 * the other way round: admissions the engine holds that were never recorded are
	 * released too.
	 * @return how many admissions were released
	 */
	public int reconcile(Instant now) {
		int released = 0;
		for (Purchase stale : this.repository.admittedBefore(now.minus(this.settings.reconcileGrace()), 500)) {
			FlashSaleItem item = this.items.item(stale.itemId());
			if (item == null) {
				continue;
			}
			boolean release;
			try {
				release = this.releases.releaseIfNeverOrdered(item, stale);
			}
			catch (RuntimeException ex) {
				// the admission stays ADMITTED and the next run tries again
				log.warn("Releasing admission {} of user {} to item {} failed, will retry: {}", stale.requestId(),
						stale.userId(), stale.itemId(), ex.toString());
				continue;
			}
			if (release) {
				log.warn("Admission {} of user {} to item {} never became an order: released", stale.requestId(),
						stale.userId(), stale.itemId());
				this.ticker.pushRemaining(item);
				released++;
			}
		}
		return released + releaseUnrecorded(now);
	}

	/**
	 * Gives back the admissions the admission engine holds without a stored admission:
	 * the node took the unit and died before recording it (or the record failed and so
	 * did the release that should have followed). Only those older than the grace period,
	 * so an attempt still recording its admission is left alone; and only the very
	 * admission seen, so a newer one of the same user stays.
	 */
	private int releaseUnrecorded(Instant now) {
		int released = 0;
		Instant cutoff = now.minus(this.settings.reconcileGrace());
		for (long itemId : this.repository.findOpenIds(now)) {
			FlashSaleItem item = this.items.item(itemId);
			if (item == null) {
				continue;
			}
			try {
				Map<Long, Instant> taken = this.admission.takenBefore(itemId, cutoff);
				if (taken.isEmpty()) {
					continue;
				}
				Set<Long> recorded = this.repository.admittedUsers(itemId).keySet();
				for (Map.Entry<Long, Instant> held : taken.entrySet()) {
					if (!recorded.contains(held.getKey())
							&& this.admission.releaseIfTakenAt(itemId, held.getKey(), held.getValue())) {
						log.warn("Admission of user {} to item {} taken at {} was never recorded: released",
								held.getKey(), itemId, held.getValue());
						this.ticker.pushRemaining(item);
						released++;
					}
				}
			}
			catch (RuntimeException ex) {
				log.warn("Reconciling the admissions of item {} failed, will retry: {}", itemId, ex.toString());
			}
		}
		return released;
	}

}
