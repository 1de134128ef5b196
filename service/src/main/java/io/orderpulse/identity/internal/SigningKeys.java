package io.orderpulse.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where a node's token signing key comes from: the configured one (never one published in
 * the repository); else, on the embedded default, one generated on first start and kept
 * next to the embedded database's data directory ({@code ./data/jwt-signing.key},
 * readable by its owner only), so a restart keeps people logged in; with a throw-away
 * data directory, one of this run only. A node without a data directory of its own
 * (profile {@code cluster}, an external database) has nowhere to keep a key and shares
 * tokens with other nodes: it needs one configured.
 */
final class SigningKeys {

	static final String KEY_FILE = "jwt-signing.key";

	static final String HOW_TO_MAKE_ONE = "set orderpulse.identity.jwt-secret (ORDERPULSE_JWT_SECRET) to a secret of "
			+ "at least 32 random bytes, the same on every node, for example: "
			+ "export ORDERPULSE_JWT_SECRET=\"$(openssl rand -base64 48)\"";

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private SigningKeys() {
	}

	/**
	 * The key this node signs and verifies tokens with, as text (its UTF-8 bytes are the
	 * HMAC key).
	 * @throws IllegalStateException if the configured key is published, or there is none
	 * and nowhere to keep one
	 */
	static String resolve(@Nullable String configured, Environment environment) {
		if (StringUtils.hasText(configured)) {
			if (PublishedKeys.contains(configured)) {
				throw new IllegalStateException("orderpulse.identity.jwt-secret (ORDERPULSE_JWT_SECRET) is a key "
						+ "published in OrderPulse's repository: anyone could sign tokens with it. Use a key of your "
						+ "own: " + HOW_TO_MAKE_ONE);
			}
			return configured;
		}
		boolean embedded = environment.getProperty("orderpulse.database.embedded.enabled", Boolean.class, false);
		if (!embedded || environment.matchesProfiles("cluster")) {
			throw new IllegalStateException("No token signing key is configured, and this node has no data "
					+ "directory of its own to keep a generated one in (profile 'cluster' or an external database): "
					+ HOW_TO_MAKE_ONE);
		}
		String dataDir = environment.getProperty("orderpulse.database.embedded.data-dir");
		if (!StringUtils.hasText(dataDir)) {
			log.info("Generated a token signing key for this run (throw-away data directory): tokens will not "
					+ "survive a restart");
			return generate();
		}
		Path database = Path.of(dataDir).toAbsolutePath().normalize();
		Path directory = (database.getParent() != null) ? database.getParent() : database;
		return keptIn(directory.resolve(KEY_FILE));
	}

	/**
	 * 48 random bytes (384 bits) from {@link SecureRandom}, as Base64 text.
	 */
	static String generate() {
		byte[] bytes = new byte[48];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static String keptIn(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			String key = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (key.getBytes(StandardCharsets.UTF_8).length < 32 || PublishedKeys.contains(key)) {
				throw new IllegalStateException("The token signing key in " + file + " is too short or published: "
						+ "delete the file to have a new one generated (everyone logs in again), or "
						+ HOW_TO_MAKE_ONE);
			}
			if (Files.getFileStore(file).supportsFileAttributeView("posix")
					&& !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
				log.warn("The token signing key {} is readable by others than its owner: chmod 600 it", file);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the token signing key " + file + ": "
					+ "make its directory writable, or " + HOW_TO_MAKE_ONE, ex);
		}
	}

	/**
	 * Writes a new key to a file of the owner's only, then moves it in place: a reader
	 * never sees half a key, and a key that appeared meanwhile is kept.
	 */
	private static void create(Path file) throws IOException {
		Path directory = file.getParent();
		Files.createDirectories(directory);
		boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
		FileAttribute<?>[] ownerOnly = posix
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
		Path written = Files.createTempFile(directory, "." + KEY_FILE, ".tmp", ownerOnly);
		try {
			Files.writeString(written, generate() + "\n", StandardCharsets.UTF_8);
			Files.move(written, file);
			log.info("Generated a token signing key and kept it in {} (keep this file secret; delete it to log "
					+ "everyone out)", file);
		}
		catch (FileAlreadyExistsException ex) {
			// another start made one first: use it
		}
		finally {
			Files.deleteIfExists(written);
		}
	}

}
