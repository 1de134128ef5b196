package io.orderpulse.platform.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.util.StringUtils;

/**
 * This node of a cluster: its id and the names of the deployment's Redis keys and
 * channels (all under {@link ClusterSettings#keyPrefix()}). A bean only in cluster mode.
 */
public final class ClusterNode {

	private final String id;

	private final String prefix;

	ClusterNode(ClusterSettings settings) {
		this(StringUtils.hasText(settings.nodeId()) ? settings.nodeId()
				: hostName() + "-" + UUID.randomUUID().toString().substring(0, 8), settings.keyPrefix());
	}

	/**
	 * A node with this id whose keys start with this prefix.
	 */
	public ClusterNode(String id, String prefix) {
		this.id = id;
		this.prefix = prefix;
	}

	/**
	 * This node's id, unique in the cluster.
	 */
	public String id() {
		return this.id;
	}

	/**
	 * A Redis key or channel of this deployment: the prefix and the given parts joined
	 * with {@code :}.
	 */
	public String key(Object... parts) {
		StringBuilder key = new StringBuilder(this.prefix);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				key.append(':');
			}
			key.append(parts[i]);
		}
		return key.toString();
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "node";
		}
	}

}
