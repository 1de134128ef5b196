package io.orderpulse.payment.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The signature of provider notifies, as Alipay's RSA2: {@code sign} is the Base64 of a
 * SHA256withRSA signature over every parameter but {@code sign} and {@code sign_type},
 * sorted by name and joined as {@code k=v&k=v} (raw values, UTF-8, not URL-encoded).
 */
public final class NotifySignatures {

	/**
	 * The {@code sign_type} of these signatures.
	 */
	public static final String SIGN_TYPE = "RSA2";

	private static final String ALGORITHM = "SHA256withRSA";

	private NotifySignatures() {
	}

	/**
	 * The text that is signed.
	 */
	public static String content(Map<String, String> parameters) {
		return new TreeMap<>(parameters).entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("sign") && !entry.getKey().equals("sign_type"))
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("&"));
	}

	/**
	 * The parameters with {@code sign_type} and {@code sign} added.
	 */
	public static Map<String, String> sign(Map<String, String> parameters, PrivateKey key) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(key);
			signature.update(content(parameters).getBytes(StandardCharsets.UTF_8));
			Map<String, String> signed = new LinkedHashMap<>(parameters);
			signed.put("sign_type", SIGN_TYPE);
			signed.put("sign", Base64.getEncoder().encodeToString(signature.sign()));
			return signed;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot sign with " + ALGORITHM, ex);
		}
	}

	/**
	 * Whether the parameters carry a valid {@code RSA2} signature by the key's owner.
	 */
	public static boolean verify(Map<String, String> parameters, PublicKey key) {
		String sign = parameters.get("sign");
		if (sign == null || !SIGN_TYPE.equals(parameters.get("sign_type"))) {
			return false;
		}
		try {
			byte[] bytes = Base64.getMimeDecoder().decode(sign);
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initVerify(key);
			signature.update(content(parameters).getBytes(StandardCharsets.UTF_8));
			return signature.verify(bytes);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			return false;
		}
	}

}
