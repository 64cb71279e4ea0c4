package dev.mssn.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mssn.GpuSuperResolver;
import dev.mssn.Precision;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer on a real X display (Xvfb in CI): a click on Upscale runs the library, the result
 * pane shows exactly what the library returns, the divider follows a mouse drag, a reference
 * gives a PSNR. The window is captured to {@code target/viewer-screenshot.png}. Without a
 * display the test skips, unless {@code -Dmssn.requireDisplay=true} (CI) makes that a failure.
 */
class ViewerWindowTest {

    private static final Path SAMPLE = Path.of("examples/sample-lr.png");
    private static final Settings SETTINGS = new Settings("mssn-s", 2, "cpu", Precision.FP32);

    private ViewerFrame frame;
    private Robot robot;

    @BeforeEach
    void needsADisplay() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            String why = "no display (DISPLAY=" + System.getenv("DISPLAY") + "); run under xvfb-run to test the viewer";
            if (Boolean.getBoolean("mssn.requireDisplay")) {
                fail(why + " (mssn.requireDisplay=true)");
            }
            assumeTrue(false, why + "; skipping");
        }
        robot = new Robot();
        robot.setAutoDelay(20);
        onEdt(() -> {
            frame = new ViewerFrame(GpuSuperResolver.availableDevices(), Upscaler::of);
            frame.choose(SETTINGS);
            frame.setBounds(0, 0, 1000, 640);
            frame.setVisible(true);
            return null;
        });
        robot.waitForIdle();
    }

    @AfterEach
    void close() throws Exception {
        if (frame != null) {
            onEdt(() -> {
                frame.dispose();
                return null;
            });
        }
    }

    @Test
    void aClickOnUpscaleShowsTheLibrarysResultAndTheDividerFollowsTheMouse() throws Exception {
        onEdt(() -> {
            frame.open(SAMPLE);
            return null;
        });
        awaitEnabled(frame.upscaleAction()); // the image is read off the event thread
        click(button("Upscale"));
        awaitDone();

        BufferedImage shown = onEdt(() -> frame.view().after());
        BufferedImage expected;
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optModel("mssn-s").optScale(2).optDevice("cpu").build()) {
            expected = sr.upscale(ImageIO.read(SAMPLE.toFile()));
        }
        assertEquals(384, shown.getWidth());
        assertEquals(256, shown.getHeight());
        assertArrayEquals(expected.getRGB(0, 0, 384, 256, null, 0, 384), shown.getRGB(0, 0, 384, 256, null, 0, 384));
        assertEquals(384, onEdt(() -> frame.view().before().getWidth()), "before is the input enlarged to the same size");
        String status = onEdt(() -> frame.status().getText());
        assertTrue(status.startsWith("cpu (") && status.contains("384x256") && status.matches(".*\\| \\d+ tiles? \\|.*"), status);

        // drag the divider from the middle to a quarter of the view
        Rectangle view = onEdt(() -> new Rectangle(frame.view().getLocationOnScreen(), frame.view().getSize()));
        int y = view.y + view.height / 2;
        robot.mouseMove(view.x + view.width / 2, y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseMove(view.x + view.width / 3, y);
        robot.mouseMove(view.x + view.width / 4, y);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
        assertEquals(0.25, onEdt(() -> frame.view().state().divider()), 0.01);

        onEdt(() -> {
            frame.view().zoomBy(ViewState.ZOOM_STEP * ViewState.ZOOM_STEP);
            frame.view().state().moveDividerTo(view.width * 0.45, view.width);
            frame.view().repaint();
            return null;
        });
        robot.waitForIdle();
        Rectangle window = onEdt(frame::getBounds);
        Path out = Files.createDirectories(Path.of("examples/viewer/target"));
        ImageIO.write(robot.createScreenCapture(window), "png", out.resolve("viewer-screenshot.png").toFile());
    }

    @Test
    void aWeightsFileTypedAsTheModelIsWhatRuns() throws Exception {
        String file = "weights/mssn-m-x3.safetensors";
        onEdt(() -> {
            frame.choose(new Settings(file, 3, "cpu", Precision.FP32));
            frame.open(SAMPLE);
            return null;
        });
        assertEquals(file, onEdt(() -> frame.settings().model()));
        awaitEnabled(frame.upscaleAction());
        onEdt(() -> {
            frame.upscaleAction().actionPerformed(null);
            return null;
        });
        awaitDone();
        BufferedImage shown = onEdt(() -> frame.view().after());
        BufferedImage expected;
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optModel(file).optScale(3).optDevice("cpu").build()) {
            expected = sr.upscale(ImageIO.read(SAMPLE.toFile()));
        }
        assertEquals(576, shown.getWidth());
        assertArrayEquals(expected.getRGB(0, 0, 576, 384, null, 0, 576), shown.getRGB(0, 0, 576, 384, null, 0, 576));
    }

    @Test
    void aReferenceImageGivesThePsnrOfTheResult(@TempDir Path dir) throws Exception {
        // a Set5-style pair: the sample as the high-resolution original, its bicubic half as input
        BufferedImage hr = ImageIO.read(SAMPLE.toFile());
        Path lr = dir.resolve("lr.png");
        ImageIO.write(Enlarge.bicubic(hr, hr.getWidth() / 2, hr.getHeight() / 2), "png", lr.toFile());
        onEdt(() -> {
            frame.open(lr);
            frame.openReference(SAMPLE);
            return null;
        });
        awaitEnabled(frame.upscaleAction());
        onEdt(() -> {
            frame.upscaleAction().actionPerformed(null);
            return null;
        });
        awaitDone();
        String status = onEdt(() -> frame.status().getText());
        assertTrue(status.matches(".*PSNR \\d+\\.\\d\\d dB \\(Y\\) vs sample-lr\\.png.*"), status);
    }

    private static void awaitEnabled(javax.swing.Action action) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (!onEdt(action::isEnabled) && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertTrue(onEdt(action::isEnabled), "the image was opened");
    }

    /** Waits for the upscale and for the comparison to show its result beside the enlarged input. */
    private void awaitDone() throws Exception {
        long end = System.currentTimeMillis() + 120_000;
        while (onEdt(() -> frame.jobs().state()) == UpscaleJobs.State.RUNNING && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals(UpscaleJobs.State.DONE, onEdt(() -> frame.jobs().state()), () -> status());
        while (onEdt(() -> frame.view().after() == null || frame.view().before().getWidth() != frame.view().after().getWidth())
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        robot.waitForIdle();
    }

    private String status() {
        try {
            return onEdt(() -> frame.status().getText());
        } catch (Exception e) {
            return e.toString();
        }
    }

    private AbstractButton button(String text) throws Exception {
        return onEdt(() -> find(frame.getContentPane(), text));
    }

    private static AbstractButton find(Container parent, String text) {
        for (Component c : parent.getComponents()) {
            if (c instanceof AbstractButton b && text.equals(b.getText())) {
                return b;
            }
            if (c instanceof Container inner) {
                AbstractButton found = find(inner, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void click(AbstractButton button) throws Exception {
        Point at = onEdt(() -> {
            Point p = button.getLocationOnScreen();
            return new Point(p.x + button.getWidth() / 2, p.y + button.getHeight() / 2);
        });
        robot.mouseMove(at.x, at.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    private static <T> T onEdt(Supplier<T> body) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> out.set(body.get()));
        return out.get();
    }
}
