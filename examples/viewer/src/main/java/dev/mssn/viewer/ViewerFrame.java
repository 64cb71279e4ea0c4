package dev.mssn.viewer;

import dev.mssn.AvailableDevice;
import dev.mssn.GpuSuperResolver;
import dev.mssn.Precision;
import java.awt.BorderLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.TransferHandler;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * The viewer's window: menus and a tool bar to open, choose settings, upscale, cancel and save;
 * the comparison in the middle; progress and a status line at the bottom. All upscaling runs
 * on {@link UpscaleJobs}' thread; this class only ever touches Swing on the event thread.
 */
final class ViewerFrame extends JFrame {

    private static final int PAN_STEP = 64;

    private final CompareView view = new CompareView();
    private final JComboBox<String> model = new JComboBox<>(new String[] {"mssn-m", "mssn-s"});
    private final JComboBox<Double> scale = new JComboBox<>(Settings.FACTORS);
    private final javax.swing.JCheckBox seamless = new javax.swing.JCheckBox("Seamless");
    private final JComboBox<String> device = new JComboBox<>();
    private final JComboBox<Precision> precision = new JComboBox<>(Precision.values());
    private final JProgressBar progress = new JProgressBar();
    private final JLabel status = new JLabel(" ");
    private final JLabel zoom = new JLabel("100 %");
    private final UpscaleJobs jobs;
    private final Action upscaleAction = action("Upscale", KeyEvent.VK_U, ctrl(KeyEvent.VK_U), e -> upscale());
    private final Action cancelAction = action("Cancel", KeyEvent.VK_C, KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), e -> cancelJob());
    private final Action saveAction = action("Save result...", KeyEvent.VK_S, ctrl(KeyEvent.VK_S), e -> save());

    private BufferedImage input;
    private Path inputPath;
    private BufferedImage reference;
    private Path referencePath;
    /** The finished upscale of the current input, or null. */
    private UpscaleJobs.Outcome lastOutcome;
    /** Counts opened inputs, so that a job still running for an earlier one is cancelled and its result dropped. */
    private int opened;
    /** Counts enlargements asked for, so that a slow one finishing late does not replace a newer one. */
    private int enlargements;
    /** Which opened input the comparison's "before" was enlarged from. */
    private int enlargedFor = -1;

    ViewerFrame(List<AvailableDevice> devices, Function<Settings, Upscaler> loader) {
        super("mssn viewer " + GpuSuperResolver.version());
        this.jobs = new UpscaleJobs(loader, SwingUtilities::invokeLater);
        device.addItem("auto");
        devices.forEach(d -> device.addItem(d.spec()));
        device.setRenderer(new javax.swing.DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                                                                   boolean selected, boolean focus) {
                String spec = String.valueOf(value);
                String text = devices.stream().filter(d -> d.spec().equals(spec)).map(AvailableDevice::description)
                        .findFirst().orElse("auto: the best GPU, else the CPU path");
                return super.getListCellRendererComponent(list, index < 0 ? spec : text, index, selected, focus);
            }
        });
        setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                jobs.close();
            }
        });
        setJMenuBar(menus());
        JPanel bottom = new JPanel(new BorderLayout(8, 0));
        bottom.setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6));
        progress.setStringPainted(true);
        progress.setString("");
        progress.getAccessibleContext().setAccessibleName("Upscale progress");
        bottom.add(status, BorderLayout.CENTER);
        bottom.add(zoom, BorderLayout.EAST);
        bottom.add(progress, BorderLayout.WEST);
        add(toolBar(), BorderLayout.NORTH);
        add(view, BorderLayout.CENTER);
        add(bottom, BorderLayout.SOUTH);
        view.onChange(() -> zoom.setText(view.state().zoomPercent()));
        bindViewKeys();
        setTransferHandler(new DropHandler());
        cancelAction.setEnabled(false);
        saveAction.setEnabled(false);
        upscaleAction.setEnabled(false);
        pack();
        setLocationByPlatform(true);
    }

    CompareView view() {
        return view;
    }

    JLabel status() {
        return status;
    }

    UpscaleJobs jobs() {
        return jobs;
    }

    Action upscaleAction() {
        return upscaleAction;
    }

    /** Chooses settings as the tool bar would (for starting with a given device, and for tests). */
    void choose(Settings settings) {
        model.setSelectedItem(settings.model());
        scale.setSelectedItem(settings.factor());
        seamless.setSelected(settings.seamless());
        if (((javax.swing.DefaultComboBoxModel<String>) device.getModel()).getIndexOf(settings.device()) < 0) {
            device.addItem(settings.device());
        }
        device.setSelectedItem(settings.device());
        precision.setSelectedItem(settings.precision());
    }

    Settings settings() {
        return new Settings(String.valueOf(model.getSelectedItem()).trim(), (Double) scale.getSelectedItem(),
                (String) device.getSelectedItem(), (Precision) precision.getSelectedItem(), seamless.isSelected());
    }

    /** Opens an image as the input, decoding it off the event thread; errors go to a dialog. */
    void open(Path file) {
        status.setText("reading " + file.getFileName() + "...");
        readThen(file, image -> {
            jobs.cancel();
            opened++;
            input = image;
            inputPath = file;
            lastOutcome = null;
            saveAction.setEnabled(false);
            upscaleAction.setEnabled(true);
            showBefore(true);
            status.setText(file.getFileName() + ": " + image.getWidth() + "x" + image.getHeight()
                    + (reference != null ? "; reference " + referencePath.getFileName() : ""));
            setTitle("mssn viewer - " + file.getFileName());
        });
    }

    /** Opens the high-resolution original the result is scored against (PSNR on Y). */
    void openReference(Path file) {
        readThen(file, image -> {
            reference = image;
            referencePath = file;
            status.setText("reference " + file.getFileName() + ": " + reference.getWidth() + "x" + reference.getHeight());
            if (lastOutcome != null) {
                showOutcome(lastOutcome);
            }
        });
    }

    /** Decodes {@code file} on a worker thread and hands the image to {@code then} on the event thread. */
    private void readThen(Path file, java.util.function.Consumer<BufferedImage> then) {
        new SwingWorker<BufferedImage, Void>() {
            @Override
            protected BufferedImage doInBackground() throws IOException {
                return read(file);
            }

            @Override
            protected void done() {
                try {
                    then.accept(get());
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    status.setText("cannot open " + file.getFileName());
                    error("Cannot open " + file.getFileName(), cause instanceof OutOfMemoryError
                            ? "Out of memory: the image does not fit this JVM's heap; start it with a larger -Xmx."
                            : String.valueOf(cause.getMessage()));
                }
            }
        }.execute();
    }

    /** As the library reads it for an upscale: a photo's EXIF orientation applied, 16 bits kept. */
    private static BufferedImage read(Path file) throws IOException {
        return GpuSuperResolver.readImage(file);
    }

    /**
     * Shows the input enlarged by bicubic interpolation beside the result (if any). The
     * enlargement of a large image takes a while, so it runs off the event thread; only the
     * newest request is shown.
     */
    private void showBefore(boolean fit) {
        BufferedImage after = result();
        BufferedImage source = input;
        // the size of the result, or of the result the chosen factor will give
        double factor = (Double) scale.getSelectedItem();
        int width = after != null ? after.getWidth() : (int) Math.max(1, Math.round(source.getWidth() * factor));
        int height = after != null ? after.getHeight() : (int) Math.max(1, Math.round(source.getHeight() * factor));
        int request = ++enlargements;
        BufferedImage shown = view.before();
        if (shown != null && enlargedFor == opened && shown.getWidth() == width && shown.getHeight() == height) {
            view.show(shown, after, fit); // this input at this scale is enlarged already
            return;
        }
        int forInput = opened;
        new SwingWorker<BufferedImage, Void>() {
            @Override
            protected BufferedImage doInBackground() {
                return Enlarge.bicubic(source, width, height);
            }

            @Override
            protected void done() {
                if (request != enlargements) {
                    return;
                }
                try {
                    view.show(get(), after, fit);
                    enlargedFor = forInput;
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    error("Cannot show the image", cause instanceof OutOfMemoryError
                            ? "Out of memory: the enlarged image does not fit this JVM's heap; start it with a larger -Xmx."
                            : String.valueOf(cause.getMessage()));
                }
            }
        }.execute();
    }

    private void upscale() {
        if (input == null) {
            return;
        }
        Settings chosen = settings();
        int forInput = opened;
        progress.setValue(0);
        progress.setString("loading " + chosen.model() + " " + chosen.factorText() + "...");
        cancelAction.setEnabled(true);
        status.setText("upscaling " + inputPath.getFileName() + " on " + chosen.device() + "...");
        jobs.start(input, chosen, new UpscaleJobs.Listener() {
            @Override
            public void progress(int done, int total) {
                if (forInput != opened) {
                    return;
                }
                progress.setMaximum(total);
                progress.setValue(done);
                progress.setString(done + " / " + total + " tiles");
            }

            @Override
            public void finished(UpscaleJobs.Outcome outcome) {
                if (jobs.state() != UpscaleJobs.State.RUNNING) {
                    cancelAction.setEnabled(false);
                }
                if (forInput != opened) {
                    return; // the image it was for has been replaced
                }
                if (outcome.state() == UpscaleJobs.State.DONE) {
                    lastOutcome = outcome;
                    saveAction.setEnabled(true);
                    showBefore(false);
                    showOutcome(outcome);
                } else if (outcome.state() == UpscaleJobs.State.CANCELLED) {
                    progress.setString("cancelled");
                    if (jobs.state() != UpscaleJobs.State.RUNNING) {
                        status.setText("cancelled after " + seconds(outcome.millis()));
                    }
                } else {
                    progress.setString("failed");
                    status.setText("failed: " + outcome.message());
                    error("Upscale failed", outcome.message());
                }
            }
        });
    }

    private void cancelJob() {
        jobs.cancel();
    }

    private BufferedImage result() {
        return lastOutcome == null ? null : lastOutcome.result();
    }

    /** The scale of the finished upscale, whole: its width over the input's, rounded up (the border the PSNR leaves out). */
    private int resultScale() {
        return (int) Math.ceil((double) lastOutcome.result().getWidth() / input.getWidth());
    }

    private void showOutcome(UpscaleJobs.Outcome outcome) {
        BufferedImage result = outcome.result();
        progress.setString("done");
        StringBuilder line = new StringBuilder();
        line.append(outcome.device()).append(" | ").append(outcome.tiles()).append(outcome.tiles() == 1 ? " tile" : " tiles")
                .append(" | ").append(seconds(outcome.millis())).append(" | ")
                .append(result.getWidth()).append('x').append(result.getHeight());
        if (reference != null) {
            OptionalDouble psnr = Psnr.of(result, reference, resultScale());
            line.append(" | ").append(psnr.isPresent()
                    ? String.format(Locale.ROOT, "PSNR %.2f dB (Y) vs %s", psnr.getAsDouble(), referencePath.getFileName())
                    : "reference " + referencePath.getFileName() + " is " + reference.getWidth() + "x" + reference.getHeight()
                            + ": no PSNR");
        }
        status.setText(line.toString());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private void save() {
        BufferedImage result = result();
        if (result == null) {
            return;
        }
        JFileChooser chooser = new JFileChooser(inputPath == null ? null : inputPath.toAbsolutePath().getParent().toFile());
        chooser.setDialogTitle("Save the result");
        chooser.setFileFilter(new FileNameExtensionFilter("Images", ImageSaving.extensions()));
        String base = inputPath == null ? "result" : inputPath.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        chooser.setSelectedFile(new File(base + "-" + lastOutcome.result().getWidth() + "x" + lastOutcome.result().getHeight() + ".png"));
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = chooser.getSelectedFile().toPath();
        try {
            ImageSaving.format(file);
            boolean overwrite = false;
            if (Files.exists(file)) {
                int answer = JOptionPane.showConfirmDialog(this, file.getFileName() + " exists. Replace it?", "Save",
                        JOptionPane.YES_NO_OPTION, JOptionPane.WARNING_MESSAGE);
                if (answer != JOptionPane.YES_OPTION) {
                    return;
                }
                overwrite = true;
            }
            ImageSaving.save(result, file, overwrite);
            status.setText("saved " + file);
        } catch (IOException | RuntimeException e) {
            error("Cannot save " + file.getFileName(), e.getMessage());
        }
    }

    private void error(String title, String message) {
        JOptionPane.showMessageDialog(this, message == null ? title : message, title, JOptionPane.ERROR_MESSAGE);
    }

    private JMenuBar menus() {
        JMenuBar bar = new JMenuBar();
        JMenu file = new JMenu("File");
        file.setMnemonic(KeyEvent.VK_F);
        file.add(action("Open image...", KeyEvent.VK_O, ctrl(KeyEvent.VK_O), e -> choose("Open an image", this::open)));
        file.add(action("Open reference (HR) for PSNR...", KeyEvent.VK_R, ctrl(KeyEvent.VK_R),
                e -> choose("Open the high-resolution reference", this::openReference)));
        file.add(saveAction);
        file.addSeparator();
        file.add(action("Close", KeyEvent.VK_W, ctrl(KeyEvent.VK_W), e -> dispose()));
        JMenu run = new JMenu("Upscale");
        run.setMnemonic(KeyEvent.VK_U);
        run.add(upscaleAction);
        run.add(cancelAction);
        JMenu viewMenu = new JMenu("View");
        viewMenu.setMnemonic(KeyEvent.VK_V);
        viewMenu.add(action("Zoom in", KeyEvent.VK_I, ctrl(KeyEvent.VK_EQUALS), e -> view.zoomBy(ViewState.ZOOM_STEP)));
        viewMenu.add(action("Zoom out", KeyEvent.VK_O, ctrl(KeyEvent.VK_MINUS), e -> view.zoomBy(1 / ViewState.ZOOM_STEP)));
        viewMenu.add(action("Actual pixels (100 %)", KeyEvent.VK_A, ctrl(KeyEvent.VK_0), e -> view.actualSize()));
        viewMenu.add(action("Fit to window", KeyEvent.VK_F, ctrl(KeyEvent.VK_9), e -> view.fit()));
        viewMenu.add(action("Split / side by side", KeyEvent.VK_T, ctrl(KeyEvent.VK_T), e -> view.toggleLayout()));
        bar.add(file);
        bar.add(run);
        bar.add(viewMenu);
        return bar;
    }

    private JToolBar toolBar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        // an embedded model by name, or the path of a weights file (.safetensors, or the authors' .pt) typed in
        model.setEditable(true);
        model.setToolTipText("mssn-m, mssn-s, or the path of a .safetensors or .pt weights file");
        labelled(bar, "Model", KeyEvent.VK_M, model);
        scale.setRenderer(new javax.swing.DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index, boolean selected,
                                                                   boolean focus) {
                Object text = value instanceof Double d ? new Settings("", d, "", Precision.FP32).factorText() : value;
                return super.getListCellRendererComponent(list, text, index, selected, focus);
            }
        });
        scale.setSelectedItem(2.0);
        labelled(bar, "Scale", KeyEvent.VK_L, scale);
        labelled(bar, "Device", KeyEvent.VK_D, device);
        labelled(bar, "Precision", KeyEvent.VK_P, precision);
        seamless.setMnemonic(KeyEvent.VK_E);
        seamless.setToolTipText("the image is one tile of a repeating texture: its edges wrap, and the result tiles without seams");
        bar.add(seamless);
        scale.addActionListener(e -> {
            if (input != null && lastOutcome == null) {
                showBefore(true);
            }
        });
        bar.addSeparator();
        bar.add(new JButton(upscaleAction));
        bar.add(new JButton(cancelAction));
        return bar;
    }

    private static void labelled(JToolBar bar, String text, int mnemonic, JComponent field) {
        JLabel label = new JLabel(text + " ");
        label.setDisplayedMnemonic(mnemonic);
        label.setLabelFor(field);
        bar.add(label);
        bar.add(field);
        bar.addSeparator();
    }

    private void bindViewKeys() {
        bindKey("pan-left", KeyEvent.VK_LEFT, () -> view.panBy(PAN_STEP, 0));
        bindKey("pan-right", KeyEvent.VK_RIGHT, () -> view.panBy(-PAN_STEP, 0));
        bindKey("pan-up", KeyEvent.VK_UP, () -> view.panBy(0, PAN_STEP));
        bindKey("pan-down", KeyEvent.VK_DOWN, () -> view.panBy(0, -PAN_STEP));
    }

    private void bindKey(String name, int key, Runnable run) {
        view.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key, 0), name);
        view.getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                run.run();
            }
        });
    }

    private void choose(String title, java.util.function.Consumer<Path> then) {
        JFileChooser chooser = new JFileChooser(inputPath == null ? new File(".") : inputPath.toAbsolutePath().getParent().toFile());
        chooser.setDialogTitle(title);
        chooser.setFileFilter(new FileNameExtensionFilter("Images", ImageSaving.extensions()));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            then.accept(chooser.getSelectedFile().toPath());
        }
    }

    private static KeyStroke ctrl(int key) {
        return KeyStroke.getKeyStroke(key, Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx());
    }

    private static Action action(String name, int mnemonic, KeyStroke accelerator, java.util.function.Consumer<ActionEvent> body) {
        Action a = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                body.accept(e);
            }
        };
        a.putValue(Action.MNEMONIC_KEY, mnemonic);
        a.putValue(Action.ACCELERATOR_KEY, accelerator);
        return a;
    }

    /** Opens the first image file dropped anywhere on the window. */
    private final class DropHandler extends TransferHandler {
        @Override
        public boolean canImport(TransferSupport support) {
            return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
        }

        @Override
        public boolean importData(TransferSupport support) {
            try {
                @SuppressWarnings("unchecked")
                List<File> files = (List<File>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
                if (files.isEmpty()) {
                    return false;
                }
                open(files.get(0).toPath());
                return true;
            } catch (java.awt.datatransfer.UnsupportedFlavorException | IOException e) {
                error("Cannot open the dropped file", e.getMessage());
                return false;
            }
        }
    }
}
