#!/usr/bin/env bash
# Spark's GPU discovery script (spark.executor.resource.gpu.discoveryScript): prints the OpenCL
# GPUs of this machine, addressed as mssn numbers them (opencl:N), as Spark's resource JSON.
# MSSN_SPARK_JAR: the job jar (mssn-spark-VERSION-job.jar), on every node.
set -euo pipefail
jar="${MSSN_SPARK_JAR:?set MSSN_SPARK_JAR to the mssn-spark job jar}"
java_bin="$(readlink -f "$(command -v java)")"
jsig="$(dirname "$java_bin")/../lib/libjsig.so"
[ -f "$jsig" ] && export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"
exec "$java_bin" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" dev.mssn.spark.GpuDiscovery
