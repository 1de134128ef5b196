package io.orderpulse.bench.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcome of one run: a JSON document for machines and a Markdown summary for people,
 * both under the report folder, named by scenario and start time.
 */
final class Report {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final String scenario;

	private final Instant startedAt = Instant.now();

	private final Map<String, Object> options = new LinkedHashMap<>();

	private final Map<String, Object> results = new LinkedHashMap<>();

	private final List<String> problems = new ArrayList<>();

	Report(String scenario) {
		this.scenario = scenario;
	}

	Report option(String name, Object value) {
		this.options.put(name, value);
		return this;
	}

	Report result(String name, Object value) {
		this.results.put(name, value);
		return this;
	}

	/**
	 * Records a correctness problem: the run fails.
	 */
	void problem(String problem) {
		this.problems.add(problem);
	}

	boolean ok() {
		return this.problems.isEmpty();
	}

	Map<String, Object> document() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("scenario", this.scenario);
		document.put("startedAt", this.startedAt.toString());
		document.put("finishedAt", Instant.now().toString());
		document.put("ok", ok());
		document.put("problems", this.problems);
		Map<String, Object> environment = new LinkedHashMap<>();
		environment.put("availableProcessors", Runtime.getRuntime().availableProcessors());
		environment.put("java", System.getProperty("java.version"));
		environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		document.put("environment", environment);
		document.put("options", this.options);
		document.put("results", this.results);
		return document;
	}

	/**
	 * Writes {@code <scenario>-<time>.json} and {@code .md}.
	 * @return the JSON file
	 */
	Path write(Path folder) {
		Map<String, Object> document = document();
		String name = this.scenario + "-" + FILE_TIME.format(this.startedAt);
		try {
			Files.createDirectories(folder);
			Path json = folder.resolve(name + ".json");
			Files.writeString(json, JSON.writeValueAsString(document));
			Files.writeString(folder.resolve(name + ".md"), markdown(document));
			return json;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	String markdown(Map<String, Object> document) {
		StringBuilder md = new StringBuilder();
		md.append("# ").append(this.scenario).append(" — ").append(document.get("startedAt")).append("\n\n");
		md.append("**").append(ok() ? "OK" : "FAILED").append("**");
		this.problems.forEach((problem) -> md.append("\n- ").append(problem));
		md.append("\n\n| option | value |\n|---|---|\n");
		this.options.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
		md.append("\n| result | value |\n|---|---|\n");
		flatten("", this.results, md);
		md.append("\nEnvironment: ").append(document.get("environment")).append('\n');
		return md.toString();
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Map<String, Object> values, StringBuilder md) {
		values.forEach((key, value) -> {
			if (value instanceof Map<?, ?> nested) {
				flatten(prefix + key + ".", (Map<String, Object>) nested, md);
			}
			else {
				md.append("| ").append(prefix).append(key).append(" | ").append(value).append(" |\n");
			}
		});
	}

}
