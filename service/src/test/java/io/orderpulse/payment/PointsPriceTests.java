package io.orderpulse.payment;

import java.math.BigDecimal;

import io.orderpulse.payment.internal.PointsSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders without a points price of their own are payable with points only through the
 * configured conversion, rounded up.
 */
class PointsPriceTests {

	@Test
	void withoutAConversionOrdinaryOrdersHaveNoPointsPrice() {
		assertThat(new Points(null, new PointsSettings(0, 0)).priceOf(new BigDecimal("12.34"))).isEmpty();
	}

	@Test
	void theConversionRoundsUp() {
		assertThat(new Points(null, new PointsSettings(0, 100)).priceOf(new BigDecimal("12.34"))).hasValue(1234);
		assertThat(new Points(null, new PointsSettings(0, 3)).priceOf(new BigDecimal("12.34"))).hasValue(38);
	}

}
