package io.orderpulse.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} lists every {@code orderpulse.*} property as the code
 * declares it. When a property, its default or its Javadoc changes, regenerate the
 * document:
 * {@code ./mvnw -pl service test -Dtest=ConfigurationDocTests -Dorderpulse.docs.write=true}.
 */
class ConfigurationDocTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");

	@Test
	void configurationDocumentListsEveryPropertyAsDeclared() throws IOException {
		String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
		String current = ConfigurationDoc.update(document);
		if (Boolean.getBoolean("orderpulse.docs.write")) {
			Files.writeString(DOCUMENT, current, StandardCharsets.UTF_8);
			document = current;
		}
		assertThat(document)
			.as("docs/configuration.md is not current: regenerate it with "
					+ "./mvnw -pl service test -Dtest=ConfigurationDocTests -Dorderpulse.docs.write=true")
			.isEqualTo(current);
	}

}
