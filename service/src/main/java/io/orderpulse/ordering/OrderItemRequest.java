package io.orderpulse.ordering;

/**
 * One line of an order request.
 *
 * @param productId the product
 * @param quantity how many
 */
public record OrderItemRequest(long productId, int quantity) {

}
