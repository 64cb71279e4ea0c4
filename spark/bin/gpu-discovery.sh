#!/usr/bin/env bash
# Spark's GPU discovery script (spark.executor.resource.gpu.discoveryScript): prints the OpenCL
# GPUs of this machine, addressed as mssn numbers them (opencl:N), as Spark's resource JSON.
# MSSN_SPARK_JAR: the job jar (mssn-spark-VERSION-job.jar), on every node; Spark's own jars
# (SPARK_HOME, set where Spark runs the script) give it SLF4J, which the job jar leaves to Spark.
set -euo pipefail
jar="${MSSN_SPARK_JAR:?set MSSN_SPARK_JAR to the mssn-spark job jar}"
spark_jars="${SPARK_HOME:?SPARK_HOME is not set}/jars/*"
java_bin="$(readlink -f "$(command -v java)")"
jsig="$(dirname "$java_bin")/../lib/libjsig.so"
[ -f "$jsig" ] && export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"
# Spark reads the answer from standard output; GpuDiscovery sends everything else to standard error
exec "$java_bin" -Dlog4j2.level=error -cp "$jar:$spark_jars" dev.mssn.spark.GpuDiscovery
