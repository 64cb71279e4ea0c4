package dev.mssn.viewer;

import dev.mssn.GpuSuperResolver;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/**
 * Starts the viewer: {@code bin/mssn view [IMAGE [REFERENCE]]}. Java scales the interface on
 * high-DPI screens by itself on Windows and macOS; on Linux set {@code GDK_SCALE=2} (or
 * {@code -Dsun.java2d.uiScale=2}).
 */
public final class ViewerMain {

    private ViewerMain() {}

    private static final String USAGE = "usage: mssn view [IMAGE [REFERENCE]]";

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println(USAGE);
            System.out.println("Open the example viewer: an image beside its upscaled version, a reference image when given"
                    + " (needs a display).");
            return;
        }
        if (args.length > 2 || args.length > 0 && args[0].startsWith("-")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("mssn view: no display to open a window on (DISPLAY is "
                    + (System.getenv("DISPLAY") == null ? "not set" : "'" + System.getenv("DISPLAY") + "'")
                    + "); use bin/mssn upscale, or run it under xvfb-run");
            System.exit(2);
        }
        SwingUtilities.invokeLater(() -> {
            try {
                UIManager.setLookAndFeel(UIManager.getSystemLookAndFeelClassName());
            } catch (ReflectiveOperationException | javax.swing.UnsupportedLookAndFeelException e) {
                // the cross-platform look stays
            }
            ViewerFrame frame = new ViewerFrame(GpuSuperResolver.availableDevices(), Upscaler::of);
            frame.setVisible(true);
            if (args.length > 0) {
                frame.open(Path.of(args[0]));
            }
            if (args.length > 1) {
                frame.openReference(Path.of(args[1]));
            }
        });
    }
}
