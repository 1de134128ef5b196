# Sourced by the other scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# The machines' default java is 17, so an unset or too-old JAVA_HOME is replaced by the newest
# JDK 21+ found under /usr/lib/jvm.

java_major() {
	"$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

pick_jdk() {
	if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
		return 0
	fi
	local best="" best_major=0 dir major
	for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
		[ -x "$dir/bin/javac" ] || continue
		major=$(java_major "$dir")
		if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
			best="$dir"
			best_major="$major"
		fi
	done
	if [ -z "$best" ]; then
		echo "No JDK 21 or newer found: set JAVA_HOME to one (for example /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
		return 1
	fi
	export JAVA_HOME="$best"
}

pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
