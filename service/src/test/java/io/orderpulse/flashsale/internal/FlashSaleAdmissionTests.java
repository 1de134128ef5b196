package io.orderpulse.flashsale.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.orderpulse.IntegrationTest;
import io.orderpulse.flashsale.AdmissionPort;
import io.orderpulse.flashsale.AdmissionPort.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@IntegrationTest
class FlashSaleAdmissionTests {

	@Autowired
	FlashSaleRepository repository;

	long itemId;

	Instant now = Instant.now();

	/**
	 * A new instance of the implementation under test, as a node (re)starting would
	 * create it.
	 */
	AdmissionPort newAdmission() {
		return new InMemoryAdmission(this.repository);
	}

	@BeforeEach
	void item() {
		long sessionId = this.repository.insertSession(42, "Port sale", this.now.minusSeconds(60),
				this.now.plusSeconds(3600));
		this.itemId = this.repository.insertItem(sessionId, 1, 1, "Thing", new BigDecimal("1.00"), 2, null);
	}

	@Test
	void releaseGivesBackTheUnitTheMarkAndTheSoldOutFlag() {
		AdmissionPort admission = newAdmission();
		assertThat(admission.admit(this.itemId, 1, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(admission.admit(this.itemId, 2, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(admission.admit(this.itemId, 3, this.now).outcome()).isEqualTo(Outcome.SOLD_OUT);

		assertThat(admission.release(this.itemId, 1)).isTrue();
		assertThat(admission.release(this.itemId, 1)).as("released once only").isFalse();

		assertThat(admission.remaining(this.itemId)).isEqualTo(1);
		assertThat(admission.admit(this.itemId, 1, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(admission.remaining(this.itemId)).isZero();
	}

	@Test
	void checksTheWindowBeforeAnythingElse() {
		AdmissionPort admission = newAdmission();
		assertThat(admission.admit(this.itemId, 1, this.now.minusSeconds(120)).outcome())
			.isEqualTo(Outcome.NOT_STARTED);
		assertThat(admission.admit(this.itemId, 1, this.now.plusSeconds(3601)).outcome()).isEqualTo(Outcome.ENDED);
		assertThat(admission.admit(999_999_999, 1, this.now).outcome()).isEqualTo(Outcome.UNKNOWN_ITEM);
		assertThat(admission.remaining(this.itemId)).isEqualTo(2);
	}

	@Test
	void tellsWhenEachAdmissionWasTakenAndReleasesOnlyThatOne() {
		AdmissionPort admission = newAdmission();
		Instant first = this.now.truncatedTo(ChronoUnit.MILLIS);
		assertThat(admission.admit(this.itemId, 1, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(admission.admit(this.itemId, 2, this.now.plusSeconds(10)).outcome()).isEqualTo(Outcome.ADMITTED);

		assertThat(admission.takenBefore(this.itemId, this.now.plusSeconds(5))).containsExactly(entry(1L, first));
		assertThat(admission.releaseIfTakenAt(this.itemId, 1, first.plusMillis(1))).as("another admission").isFalse();
		assertThat(admission.remaining(this.itemId)).isZero();
		assertThat(admission.releaseIfTakenAt(this.itemId, 1, first)).isTrue();
		assertThat(admission.releaseIfTakenAt(this.itemId, 1, first)).as("released once only").isFalse();
		assertThat(admission.remaining(this.itemId)).isEqualTo(1);
		assertThat(admission.admit(this.itemId, 3, this.now).outcome()).as("sold-out flag cleared")
			.isEqualTo(Outcome.ADMITTED);
	}

	@Test
	void aRestartRebuildsTheStateFromTheStoredAdmissions() {
		AdmissionPort before = newAdmission();
		assertThat(before.admit(this.itemId, 7, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(this.repository.admit(this.itemId, 7, "flash-restart")).isTrue();

		AdmissionPort after = newAdmission();

		assertThat(after.remaining(this.itemId)).isEqualTo(1);
		assertThat(after.takenBefore(this.itemId, Instant.now().plusSeconds(60))).containsOnlyKeys(7L);
		assertThat(after.admit(this.itemId, 7, this.now).outcome()).isEqualTo(Outcome.ALREADY_PURCHASED);
		assertThat(after.admit(this.itemId, 8, this.now).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(after.admit(this.itemId, 9, this.now).outcome()).isEqualTo(Outcome.SOLD_OUT);
	}

}
