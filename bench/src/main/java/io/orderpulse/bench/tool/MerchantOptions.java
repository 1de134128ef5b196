package io.orderpulse.bench.tool;

import picocli.CommandLine.Option;

/**
 * The merchant whose shop lists the product a scenario sells (orders, flash sale).
 */
final class MerchantOptions {

	@Option(names = "--merchant-username", defaultValue = "merchant",
			description = "A MERCHANT whose shop lists the product (default: ${DEFAULT-VALUE}).")
	String username;

	@Option(names = "--merchant-password", defaultValue = "password")
	String password;

	/**
	 * Logs the merchant in.
	 * @return its access token
	 */
	String token(ServiceApi api) {
		return api.tokenOf(this.username, this.password);
	}

}
