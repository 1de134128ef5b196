package io.orderpulse.flashsale;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.catalog.ProductSnapshot;
import io.orderpulse.flashsale.AdmissionPort.Admission;
import io.orderpulse.platform.Problems.FieldProblem;
import io.orderpulse.flashsale.internal.AdmissionRecorder;
import io.orderpulse.flashsale.internal.FlashSaleRepository;
import io.orderpulse.flashsale.internal.FlashSaleSettings;
import io.orderpulse.flashsale.internal.FlashSaleRepository.Purchase;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.ordering.FixedPriceOffer;
import io.orderpulse.ordering.OrderIntake;
import io.orderpulse.realtime.Destinations;
import io.orderpulse.realtime.UserEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flash sales: sessions created by admins, attempts by buyers and the life of each
 * admission. An attempt is admitted by the {@link AdmissionPort} (window, one per user,
 * stock in one atomic step), then recorded together with its {@link FlashSaleAdmitted}
 * event; if that fails the admission is released. The order is created asynchronously;
 * when that fails, or the order is cancelled later, the admission is released and its
 * unit of stock returns. A release is made inside the transaction that marks the stored
 * admission released, after its row is locked: if the admission engine (Redis) fails, the
 * row stays as it was and the release is retried (the event is redelivered, the
 * reconciliation runs again), so the database never says a unit came back that the engine
 * still holds.
 */
@Service
public class FlashSales implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FlashSales.class);

	/** At most 5 remaining-stock pushes per second and item. */
	private static final long PUSH_INTERVAL = TimeUnit.MILLISECONDS.toNanos(200);

	private final FlashSaleRepository repository;

	private final AdmissionRecorder recorder;

	private final AdmissionPort admission;

	private final Catalog catalog;

	private final OrderIntake orders;

	private final UserEvents events;

	private final ApplicationEventPublisher publisher;

	/**
	 * Transactions are programmatic so that this bean is not a proxy: a proxy invokes the
	 * method by reflection, which wraps every refusal {@link #attempt} throws in an
	 * {@code InvocationTargetException} with a full stack trace, and almost every attempt
	 * of a flash sale is refused (docs/decisions/0007-cheaper-request-path.md).
	 */
	private final TransactionTemplate transactions;

	private final FlashSaleSettings settings;

	/** What attempts need of an item, which never changes after it is created. */
	private final Map<Long, FlashSaleItem> items = new ConcurrentHashMap<>();

	private final Map<Long, AtomicLong> lastPushes = new ConcurrentHashMap<>();

	/** Items with a trailing push scheduled. */
	private final Set<Long> trailing = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("flash-sale-pushes").daemon().factory());

	FlashSales(FlashSaleRepository repository, AdmissionRecorder recorder, AdmissionPort admission, Catalog catalog,
			OrderIntake orders, UserEvents events, ApplicationEventPublisher publisher,
			TransactionTemplate transactions, FlashSaleSettings settings) {
		this.repository = repository;
		this.recorder = recorder;
		this.admission = admission;
		this.catalog = catalog;
		this.orders = orders;
		this.events = events;
		this.publisher = publisher;
		this.transactions = transactions;
		this.settings = settings;
	}

	/**
	 * Creates a session with its items in the admin's organization.
	 * @throws org.springframework.web.ErrorResponseException 400 naming the bad fields
	 */
	public FlashSaleDraft.Created create(AuthenticatedUser admin, FlashSaleDraft draft) {
		List<FieldProblem> errors = new ArrayList<>();
		if (!draft.endTime().isAfter(draft.startTime())) {
			errors.add(new FieldProblem("endTime", "must be after startTime"));
		}
		if (!draft.endTime().isAfter(Instant.now())) {
			errors.add(new FieldProblem("endTime", "must be in the future"));
		}
		Map<Long, ProductSnapshot> products = this.catalog
			.findProducts(admin.orgId(), draft.items().stream().map(FlashSaleDraft.Item::productId).toList())
			.stream()
			.collect(Collectors.toMap(ProductSnapshot::id, Function.identity()));
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < draft.items().size(); i++) {
			FlashSaleDraft.Item item = draft.items().get(i);
			ProductSnapshot product = products.get(item.productId());
			if (product == null) {
				errors.add(new FieldProblem("items[" + i + "].productId", "no such product in your organization"));
			}
			else if (!seen.add(item.productId())) {
				errors.add(new FieldProblem("items[" + i + "].productId", "is on sale twice in this session"));
			}
			else if (item.flashPrice().compareTo(product.price()) > 0) {
				errors.add(new FieldProblem("items[" + i + "].flashPrice",
						"must not be above the product's price " + product.price()));
			}
			if (item.flashPrice().signum() <= 0 || item.flashPrice().stripTrailingZeros().scale() > 2) {
				errors.add(new FieldProblem("items[" + i + "].flashPrice", "must be positive with at most 2 decimals"));
			}
			if (item.stock() < 1 || item.stock() > 1_000_000) {
				errors.add(new FieldProblem("items[" + i + "].stock", "must be between 1 and 1000000"));
			}
		}
		if (!errors.isEmpty()) {
			throw FlashSaleProblems.invalid(errors);
		}
		return this.transactions.execute((status) -> {
			long sessionId = this.repository.insertSession(admin.orgId(), draft.name(), draft.startTime(),
					draft.endTime());
			List<FlashSaleDraft.CreatedItem> created = new ArrayList<>();
			for (FlashSaleDraft.Item item : draft.items()) {
				ProductSnapshot product = products.get(item.productId());
				long itemId = this.repository.insertItem(sessionId, product.id(), product.shopId(), product.name(),
						item.flashPrice(), item.stock(), item.pointsPrice());
				created.add(new FlashSaleDraft.CreatedItem(itemId, product.id(), item.flashPrice(), item.stock(),
						item.pointsPrice()));
			}
			return new FlashSaleDraft.Created(sessionId, draft.name(), draft.startTime(), draft.endTime(), created);
		});
	}

	/**
	 * The organization's current and upcoming items with their remaining stock.
	 */
	public List<FlashSaleItem> open(AuthenticatedUser user) {
		return this.repository.findOpen(user.orgId(), Instant.now());
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
		FlashSaleItem item = item(itemId);
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
				pushRemaining(item, admitted.remaining());
			});
		return answer;
	}

	/**
	 * Creates the order of an admission, once: a redelivered event finds the admission
	 * ordered already. If the order cannot be created (the product is gone), the
	 * admission is released; if the database fails, the exception propagates and the
	 * event is handled again later.
	 */
	public void placeOrder(FlashSaleAdmitted admitted) {
		FlashSaleItem item = item(admitted.itemId());
		if (item == null) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				Optional<Purchase> purchase = this.repository.lockPurchase(admitted.itemId(), admitted.userId());
				if (purchase.isEmpty() || !purchase.get().requestId().equals(admitted.requestId())
						|| !purchase.get().status().equals("ADMITTED")) {
					return;
				}
				if (this.catalog.findProducts(item.orgId(), List.of(item.productId())).isEmpty()) {
					throw new IllegalStateException("'" + item.productName() + "' is no longer sold.");
				}
				long orderId = this.orders.placeFixedPrice(admitted.userId(), item.orgId(), admitted.requestId(),
						new FixedPriceOffer(item.shopId(), item.productId(), item.productName(), item.flashPrice(),
								item.pointsPrice(), this.settings.paymentTimeout()));
				this.repository.markOrdered(admitted.itemId(), admitted.userId(), orderId);
			});
		}
		catch (RuntimeException ex) {
			if (ex instanceof DataAccessException || ex instanceof TransactionException) {
				// the database (or Redis) failed, not the order: keep the admission
				// and let the event be handled again (FailedListenerRetry, or the
				// broker's retries); releasing it would take the unit from a buyer
				// who won it, and would need that same database anyway
				throw ex;
			}
			log.warn("Flash-sale order {} of user {} failed, releasing the admission: {}", admitted.requestId(),
					admitted.userId(), ex.getMessage());
			String reason = "订单创建失败 (order failed): " + ex.getMessage();
			Boolean released = this.transactions.execute((status) -> {
				if (!this.repository.releaseAdmitted(admitted.itemId(), admitted.userId(), admitted.requestId())) {
					return false;
				}
				this.orders.failRequest(admitted.userId(), item.orgId(), admitted.requestId(), reason);
				this.admission.release(item.itemId(), admitted.userId());
				return true;
			});
			if (Boolean.TRUE.equals(released)) {
				pushRemaining(item);
			}
		}
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
			FlashSaleItem item = item(stale.itemId());
			if (item == null) {
				continue;
			}
			Boolean release;
			try {
				release = this.transactions.execute((status) -> {
					Optional<Purchase> purchase = this.repository.lockPurchase(stale.itemId(), stale.userId());
					if (purchase.isEmpty() || !purchase.get().status().equals("ADMITTED")
							|| !purchase.get().requestId().equals(stale.requestId())) {
						return false;
					}
					Optional<Long> order = this.orders.orderOfRequest(stale.userId(), stale.requestId());
					if (order.isPresent()) {
						this.repository.markOrdered(stale.itemId(), stale.userId(), order.get());
						return false;
					}
					this.repository.releaseAdmitted(stale.itemId(), stale.userId(), stale.requestId());
					this.orders.failRequest(stale.userId(), item.orgId(), stale.requestId(),
							"订单未能创建，库存已退回 (the order was never created: admission released)");
					this.admission.release(item.itemId(), stale.userId());
					return true;
				});
			}
			catch (RuntimeException ex) {
				// the admission stays ADMITTED and the next run tries again
				log.warn("Releasing admission {} of user {} to item {} failed, will retry: {}", stale.requestId(),
						stale.userId(), stale.itemId(), ex.toString());
				continue;
			}
			if (Boolean.TRUE.equals(release)) {
				log.warn("Admission {} of user {} to item {} never became an order: released", stale.requestId(),
						stale.userId(), stale.itemId());
				pushRemaining(item);
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
			FlashSaleItem item = item(itemId);
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
						pushRemaining(item);
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

	/**
	 * Returns the stock of a cancelled or refunded order if it was a flash-sale order
	 * (once).
	 */
	public void orderCancelled(long orderId) {
		Optional<Purchase> released = this.transactions.execute((status) -> {
			Optional<Purchase> purchase = this.repository.releaseOrdered(orderId);
			purchase.ifPresent((unit) -> this.admission.release(unit.itemId(), unit.userId()));
			return purchase;
		});
		if (released != null && released.isPresent()) {
			FlashSaleItem item = item(released.get().itemId());
			if (item != null) {
				pushRemaining(item);
			}
		}
	}

	/**
	 * Pushes the stock an item has after a unit came back. A failure is only logged: the
	 * unit is back already, and the next change pushes the count again.
	 */
	private void pushRemaining(FlashSaleItem item) {
		try {
			pushRemaining(item, this.admission.remaining(item.itemId()));
		}
		catch (RuntimeException ex) {
			log.warn("Pushing the remaining stock of item {} failed: {}", item.itemId(), ex.toString());
		}
	}

	private @Nullable FlashSaleItem item(long itemId) {
		FlashSaleItem item = this.items.get(itemId);
		if (item == null) {
			item = this.repository.findItem(itemId).orElse(null);
			if (item != null) {
				this.items.putIfAbsent(itemId, item);
			}
		}
		return item;
	}

	/**
	 * Pushes an item's remaining stock to the organization, at most every 200 ms per item
	 * (the last unit always; a change in between is pushed at the interval's end).
	 */
	private void pushRemaining(FlashSaleItem item, int remaining) {
		long now = System.nanoTime();
		AtomicLong last = this.lastPushes.computeIfAbsent(item.itemId(), (id) -> new AtomicLong(now - PUSH_INTERVAL));
		long previous = last.get();
		boolean due = now - previous >= PUSH_INTERVAL && last.compareAndSet(previous, now);
		if (due || remaining == 0) {
			this.events.broadcast(item.orgId(), Destinations.FLASH_SALES, new RemainingStock(item.itemId(), remaining));
		}
		else if (this.trailing.add(item.itemId())) {
			// a change left out is pushed at the interval's end with the count then, so
			// pages never keep a stale count (for example after a unit came back)
			this.timer.schedule(() -> {
				this.trailing.remove(item.itemId());
				last.set(System.nanoTime());
				this.events.broadcast(item.orgId(), Destinations.FLASH_SALES,
						new RemainingStock(item.itemId(), this.admission.remaining(item.itemId())));
			}, PUSH_INTERVAL, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

	/**
	 * The push on {@code /topic/flash-sales}.
	 */
	public record RemainingStock(long itemId, int remaining) {
	}

}
