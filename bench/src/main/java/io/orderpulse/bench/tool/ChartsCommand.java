package io.orderpulse.bench.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charts over the runs in a report folder: delivery latency percentiles against the
 * offered rate ({@code targeted} runs) and server memory per session against the number
 * of sessions ({@code connect} runs), as PNG files with a Markdown page that shows them.
 */
@Command(name = "charts", mixinStandardHelpOptions = true,
		description = "Draw charts of the JSON reports in --report-dir (no service needed).")
class ChartsCommand implements Callable<Integer> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Option(names = "--report-dir", defaultValue = "reports",
			description = "Where the reports are and the charts go (default: ${DEFAULT-VALUE}).")
	Path reportDir;

	@Override
	public Integer call() throws IOException {
		System.setProperty("java.awt.headless", "true");
		List<JsonNode> reports = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.reportDir)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				JsonNode report = JSON.readTree(file.toFile());
				if (report.has("scenario") && report.path("ok").asBoolean()) {
					reports.add(report);
				}
			}
		}
		StringBuilder md = new StringBuilder("# Benchmark charts\n\n");
		List<JsonNode> targeted = of(reports, "targeted",
				Comparator.comparingDouble((r) -> r.path("options").path("rate").asDouble()));
		if (!targeted.isEmpty()) {
			XYChart chart = chart("Delivery latency from dueAt against offered rate", "offered events/s", "ms");
			series(chart, "p50", targeted, (r) -> r.path("options").path("rate").asDouble(), (r) -> latency(r, "p50"));
			series(chart, "p99", targeted, (r) -> r.path("options").path("rate").asDouble(), (r) -> latency(r, "p99"));
			md.append(save(chart, "latency-vs-rate"));
		}
		List<JsonNode> connect = of(reports, "connect",
				Comparator.comparingDouble((r) -> r.path("results").path("connect").path("connected").asDouble()));
		if (!connect.isEmpty()) {
			XYChart chart = chart("Server memory per session against sessions held", "sessions", "KB per session");
			ToDoubleFunction<JsonNode> sessions = (r) -> r.path("results").path("connect").path("connected").asDouble();
			series(chart, "RSS", connect, sessions, (r) -> perSession(r, "rssBytesPerSession"));
			series(chart, "heap used", connect, sessions, (r) -> perSession(r, "heapUsedBytesPerSession"));
			md.append(save(chart, "memory-per-session"));
		}
		Path page = this.reportDir.resolve("charts.md");
		Files.writeString(page, md);
		Scenario.log.info("Charts of {} reports: {}", reports.size(), page);
		return 0;
	}

	private static List<JsonNode> of(List<JsonNode> reports, String scenario, Comparator<JsonNode> order) {
		return reports.stream().filter((r) -> scenario.equals(r.path("scenario").asString())).sorted(order).toList();
	}

	private static double latency(JsonNode report, String percentile) {
		return report.path("results").path("delivery").path("latencyFromDueAtMillis").path(percentile).asDouble();
	}

	private static double perSession(JsonNode report, String field) {
		return report.path("results").path("serverMemoryPerSession").path(field).asDouble() / 1024;
	}

	private static XYChart chart(String title, String x, String y) {
		XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(x).yAxisTitle(y).build();
		chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
		return chart;
	}

	private static void series(XYChart chart, String name, List<JsonNode> reports, ToDoubleFunction<JsonNode> x,
			ToDoubleFunction<JsonNode> y) {
		chart.addSeries(name, reports.stream().mapToDouble(x).toArray(), reports.stream().mapToDouble(y).toArray());
	}

	private String save(XYChart chart, String name) throws IOException {
		BitmapEncoder.saveBitmap(chart, this.reportDir.resolve(name).toString(), BitmapFormat.PNG);
		return "![" + chart.getTitle() + "](" + name + ".png)\n\n";
	}

}
