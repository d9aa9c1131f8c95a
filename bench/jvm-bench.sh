# Sourced by the JMH and in-JVM bench scripts: the Java to run (Temurin 25 when installed, BENCH_JAVA_HOME to choose),
# the core to pin to (CPU, default 1), and the test class path, compiled fresh.
JAVA=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
CPU=${CPU:-1}
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
