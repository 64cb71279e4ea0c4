package dev.mssn.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for the whole test run: starting Spark takes seconds. */
final class SparkSessions {

    private static SparkSession session;

    private SparkSessions() {}

    static synchronized SparkSession local() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("mssn tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
