/**
 * Catalog HTTP API: browsing products, and merchants managing their shop's products.
 */
@NullMarked
package io.orderpulse.catalog.web;

import org.jspecify.annotations.NullMarked;
