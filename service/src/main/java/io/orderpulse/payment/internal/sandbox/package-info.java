/**
 * The sandbox gateway: a stand-in for an external payment provider such as Alipay, with
 * its own RSA key pair, a pay page and signed asynchronous notifies.
 */
@NullMarked
package io.orderpulse.payment.internal.sandbox;

import org.jspecify.annotations.NullMarked;
