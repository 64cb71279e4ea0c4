package dev.mssn.engine.opencl.binding;

import java.util.Locale;

/**
 * Picks the OpenCL binding: {@code jocl}, {@code lwjgl} or {@code auto} (JOCL when it is on the
 * class path, else LWJGL). The system property {@value #PROPERTY} sets the process default; the
 * builder's {@code optOpenClBinding} overrides it per instance. A binding asked for by name and
 * missing from the class path is an error, never a quiet switch to the other one.
 */
public final class ClBindings {

    public static final String PROPERTY = "mssn.opencl.binding";

    private static final String JOCL_CLASS = "org.jocl.CL";
    private static final String LWJGL_CLASS = "org.lwjgl.opencl.CL10";

    private ClBindings() {}

    /** The binding {@value #PROPERTY} names (auto when unset); null when auto finds none on the class path. */
    public static ClBinding fromSystemProperty() {
        return named(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * The binding called {@code name}; for {@code auto}, null when neither binding is on the
     * class path (so OpenCL is unavailable, as without a driver).
     */
    public static ClBinding named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "auto" -> present(JOCL_CLASS) ? new JoclBinding() : present(LWJGL_CLASS) ? new LwjglBinding() : null;
            case "jocl" -> {
                require(JOCL_CLASS, "jocl", "org.jocl:jocl");
                yield new JoclBinding();
            }
            case "lwjgl" -> {
                require(LWJGL_CLASS, "lwjgl", "org.lwjgl:lwjgl-opencl, with org.lwjgl:lwjgl and its natives for this platform");
                yield new LwjglBinding();
            }
            default -> throw new IllegalArgumentException("OpenCL binding '" + name + "': use jocl, lwjgl or auto");
        };
    }

    /** Why {@code auto} found no binding, for messages. */
    public static String noneFound() {
        return "no OpenCL binding on the class path (add org.jocl:jocl, or org.lwjgl:lwjgl-opencl)";
    }

    private static void require(String className, String name, String artifacts) {
        if (!present(className)) {
            throw new IllegalArgumentException("OpenCL binding '" + name + "' is not on the class path: add " + artifacts);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ClBindings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
