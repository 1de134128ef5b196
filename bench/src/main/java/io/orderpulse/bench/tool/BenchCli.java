package io.orderpulse.bench.tool;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar orderpulse-bench.jar <scenario> [options]}.
 */
@Command(name = "orderpulse-bench", mixinStandardHelpOptions = true, version = "orderpulse-bench 0.1",
		description = "Load tool for the OrderPulse STOMP gateway. Needs a service started with "
				+ "--orderpulse.bench.enabled=true and an ADMIN account.",
		subcommands = { ConnectScenario.class, TargetedScenario.class, BroadcastScenario.class, OrdersScenario.class,
				FlashSaleScenario.class, RecoveryScenario.class, ChartsCommand.class })
public final class BenchCli {

	private BenchCli() {
	}

	public static void main(String[] args) {
		CommandLine commandLine = new CommandLine(BenchCli.class);
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			Scenario.log.error("{} failed: {}", line.getCommandName(), ex.getMessage(), ex);
			return 2;
		});
		System.exit(commandLine.execute(args));
	}

}
