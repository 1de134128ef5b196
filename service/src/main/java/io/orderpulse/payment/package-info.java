/**
 * Payment: payments of orders through a provider (a built-in sandbox gateway that stands
 * in for one such as Alipay, with RSA-signed asynchronous notifies), refunds and the
 * ledger of money moved. Other modules use {@link io.orderpulse.payment.Payments} and
 * listen for {@link io.orderpulse.payment.PaymentSucceeded} and
 * {@link io.orderpulse.payment.PaymentRefunded}.
 */
@NullMarked
@ApplicationModule(displayName = "Payment", allowedDependencies = { "identity", "platform" })
package io.orderpulse.payment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
