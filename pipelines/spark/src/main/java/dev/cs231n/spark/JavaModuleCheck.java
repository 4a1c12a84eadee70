package dev.cs231n.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before Spark starts, that the JVM was given the module options Spark needs on Java 17. Without them Spark
 * 3.5 fails deep inside {@code SparkContext} ({@code IllegalAccessError: class org.apache.spark.storage.StorageUtils$
 * cannot access class sun.nio.ch.DirectBuffer}) and Kryo later fails on the atomic fields of DL4J's classes
 * ({@code InaccessibleObjectException ... java.util.concurrent.atomic}); this check fails first, naming the options.
 */
public final class JavaModuleCheck {

    /** The options (Spark's own Java 17 list, {@code org.apache.spark.launcher.JavaModuleOptions}, plus the export). */
    public static final List<String> OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

    /** Packages of java.base that must be open to the class path (the ones whose absence was seen failing). */
    private static final List<String> MUST_BE_OPEN = List.of("sun.nio.ch", "java.util.concurrent.atomic", "java.nio",
            "java.lang.invoke", "java.util");

    private JavaModuleCheck() {
    }

    /** @return the packages of java.base not open to the unnamed module (empty when the options were given) */
    public static List<String> missing() {
        Module base = Object.class.getModule();
        Module unnamed = JavaModuleCheck.class.getClassLoader().getUnnamedModule();
        List<String> missing = new ArrayList<>();
        for (String p : MUST_BE_OPEN) {
            if (!base.isOpen(p, unnamed)) {
                missing.add(p);
            }
        }
        return missing;
    }

    /**
     * Prints the options on one line (what {@code ./cs231n spark-train} starts its JVM with).
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(String.join(" ", OPTIONS));
    }

    /**
     * @throws IllegalStateException naming the options to add (and where) when the JVM lacks them
     */
    public static void require() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("this JVM was started without the module options Spark needs on Java 17 "
                    + "(java.base does not open " + missing + " to the class path). Start it with: "
                    + String.join(" ", OPTIONS) + "  (./cs231n spark-train adds them; with spark-submit put them in "
                    + "--driver-java-options and spark.executor.extraJavaOptions, see the README)");
        }
    }
}
