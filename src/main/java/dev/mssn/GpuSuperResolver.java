package dev.mssn;

import dev.mssn.engine.Backend;
import dev.mssn.engine.BackendProvider;
import dev.mssn.engine.Backends;
import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.image.AtomicFiles;
import dev.mssn.image.IccProfiles;
import dev.mssn.image.ImageDecoding;
import dev.mssn.image.ImageEncoding;
import dev.mssn.image.ImageFormat;
import dev.mssn.image.ImagePlanes;
import dev.mssn.image.ImageRefusedException;
import dev.mssn.image.PhotoMetadata;
import dev.mssn.model.ModelFormatException;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Weights;
import dev.mssn.model.io.Models;
import dev.mssn.tiling.TileWorkspace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Upscales images with MSSN on the best available device.
 *
 * <pre>{@code
 * try (GpuSuperResolver sr = GpuSuperResolver.builder().optScale(2).build()) {
 *     BufferedImage big = sr.upscale(small);
 * }
 * }</pre>
 *
 * <p>Calls may come from many threads; they run one at a time on the device. Closing releases
 * all device memory.
 *
 * <p>The library's own failures are {@link SuperResolutionException}s: {@link ModelException},
 * {@link DeviceException} (with {@link NoSuchDeviceException}) and
 * {@link UnsupportedImageException}. Files that cannot be read, decoded or written are
 * {@link IOException}s; a cancelled call ends in a
 * {@link CancellationException}.
 *
 * <p>Where it has run: the CPU path on x86-64 processors; the OpenCL path on PoCL and on Mesa's
 * rusticl (llvmpipe), both OpenCL implementations for processors, and under the Oclgrind
 * simulator. Its kernels are written for GPUs (NVIDIA, AMD, Intel, Arm Mali) and compile to AMD
 * and NVIDIA GPU code, but no GPU has run them yet.
 */
public final class GpuSuperResolver implements AutoCloseable {

    private final Backend backend;
    private final ScaledNetworks networks;
    private final OutputSize outputSize;
    private final ProgressListener listener;
    private final boolean selfEnsemble;
    private final long maxInputPixels;
    private final String model;
    private final int quality;
    private final boolean seamless;
    private volatile boolean closed; // read by the cancellation check of a call in progress
    private int callsInProgress; // guarded by this: above 0 only on the thread that holds the lock

    GpuSuperResolver(Backend backend, Network network, int tileSide, ProgressListener listener, boolean selfEnsemble) {
        this(backend, new ScaledNetworks(new PlanesUpscaler(network, tileSide, backend.describe(), selfEnsemble, false),
                java.util.List.of(network.spec().scale()), s -> {
                    throw new IllegalStateException("one scale only");
                }), OutputSize.NETWORK, listener, selfEnsemble, ImageDecoding.DEFAULT_MAX_PIXELS, Models.DEFAULT,
                ImageEncoding.DEFAULT_QUALITY, false);
    }

    GpuSuperResolver(Backend backend, ScaledNetworks networks, OutputSize outputSize, ProgressListener listener, boolean selfEnsemble,
                     long maxInputPixels, String model, int quality, boolean seamless) {
        this.maxInputPixels = maxInputPixels;
        this.model = model;
        this.quality = quality;
        this.backend = backend;
        this.networks = networks;
        this.outputSize = outputSize;
        this.seamless = seamless;
        this.listener = listener;
        this.selfEnsemble = selfEnsemble;
    }

    /** Whether each image is upscaled eight times, flipped and transposed, and averaged (see {@link Builder#optSelfEnsemble}). */
    public boolean selfEnsemble() {
        return selfEnsemble;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This library's version, as the build that made it says ("0.1.0-SNAPSHOT", say). */
    public static String version() {
        try (java.io.InputStream in = GpuSuperResolver.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/mssn/version.properties is missing from the class path");
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The devices this machine offers: the CPU path first (always there), then every OpenCL
     * device in {@code mssn devices} order, reached through the default binding. An OpenCL
     * problem (no driver, no binding) leaves just the CPU path.
     */
    public static java.util.List<AvailableDevice> availableDevices() {
        return Backends.available(BackendProvider.Settings.DEFAULT).stream()
                .map(o -> new AvailableDevice(o.id(), o.description(), o.accelerator())).toList();
    }

    /** The device {@code optDevice("auto")} (the default) opens on this machine now: one of {@link #availableDevices()}. */
    public static AvailableDevice autoDevice() {
        BackendProvider.Offer o = Backends.autoChoice(BackendProvider.Settings.DEFAULT);
        return new AvailableDevice(o.id(), o.description(), o.accelerator());
    }

    /**
     * Reads an image file as {@link #upscale(Path, Path, CopyOption...)} does: the format from
     * the content, a JPEG's or TIFF's EXIF orientation applied, samples as stored (16 bits stay
     * 16), within the default pixel limit. For showing what an upscale will see.
     *
     * @throws IOException when the file cannot be read or decoded; the message names it
     * @throws UnsupportedImageException for more than 100 megapixels, an animation or several pages
     */
    public static BufferedImage readImage(Path file) throws IOException {
        try {
            return ImageDecoding.read(Objects.requireNonNull(file, "file")).image();
        } catch (ImageRefusedException e) {
            throw new UnsupportedImageException(e.getMessage(), e);
        }
    }

    /** The image file formats {@link #upscale(Path, Path, CopyOption...)} reads and writes, chosen by extension. */
    public static java.util.List<FileFormat> fileFormats() {
        return java.util.Arrays.stream(ImageFormat.values()).map(f -> new FileFormat(f.name(), f.extensions(), f.keepsAlpha(),
                f.keepsSixteenBits(), f.keepsIccProfile())).toList();
    }

    /** Where the network runs, e.g. "opencl:0 llvmpipe (LLVM 15.0.6, 256 bits) (rusticl, driver 22.3.6)" or "java (8 threads)". */
    public String device() {
        return backend.describe();
    }

    /**
     * The network's upscaling factor: 2, 3 or 4. With another output size (see
     * {@link Builder#optOutputScale}, {@link Builder#optOutputSize}, {@link Builder#optFitWithin})
     * it is the scale loaded first; each image then runs at the smallest scale that reaches its size.
     */
    public int scale() {
        return network().spec().scale();
    }

    /** The size outputs take: "x2" (the network's scale, the default), "x1.5", "1920x1080" or "within 1920x1080". */
    public String outputSize() {
        return outputSize.isNetworkScale() ? "x" + scale() : outputSize.toString();
    }

    private Network network() {
        return networks.first().network();
    }

    /** The model as it was named to the builder: an embedded model ("mssn-m") or a weights file. */
    public String model() {
        return model;
    }

    /** The model's variant as the paper names it, e.g. "MSSN-M". */
    public String variant() {
        return network().spec().variant().displayName();
    }

    /** How activations are stored: as asked for on an OpenCL device, always FP32 on the CPU paths. */
    public Precision precision() {
        return Precision.valueOf(network().storage().name());
    }

    /** Whether each image is taken for one tile of a periodic texture (see {@link Builder#optSeamless}). */
    public boolean seamless() {
        return seamless;
    }

    /** The quality lossy outputs (JPEG, WebP) are written at, 1 to 100 (see {@link Builder#optQuality}). */
    public int quality() {
        return quality;
    }

    /** The most pixels an input file may have (see {@link Builder#optMaxInputPixels}). */
    public long maxInputPixels() {
        return maxInputPixels;
    }

    /** Upscales an image; see {@link #upscale(BufferedImage, ProgressListener, Cancellation)}. */
    public BufferedImage upscale(BufferedImage image) {
        return upscale(image, listener, new Cancellation());
    }

    /**
     * Upscales an image by {@link #scale()}, or to the output size asked for. RGB comes back
     * RGB, grey comes back grey, alpha is upscaled too (by the network, as a grey plane) and
     * kept; indexed images come back as RGB.
     * An image with more than 8 bits per component (16-bit grey, 48-bit RGB) is upscaled and
     * returned at 16 bits; any other at 8 bits.
     *
     * <p>Should the device run out of memory, the call is retried with tiles of half the side
     * (logged as a warning) down to {@value PlanesUpscaler#SMALLEST_TILE} pixels; the smaller side is kept for
     * later calls. A retry starts the progress count again, with the new total.
     *
     * @throws CancellationException when {@code cancellation} is cancelled or
     *     the thread interrupted; the instance stays usable
     * @throws UnsupportedImageException when the image has more samples than one Java array holds
     * @throws DeviceException when the device fails, out of memory even with the smallest tiles
     * @throws IllegalStateException when this instance is closed
     */
    public BufferedImage upscale(BufferedImage image, ProgressListener progress, Cancellation cancellation) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(progress, "progress (ProgressListener.NONE for none)");
        Objects.requireNonNull(cancellation, "cancellation (a new Cancellation() for none)");
        ImagePlanes planes;
        try {
            planes = ImagePlanes.of(image, false);
        } catch (ImageRefusedException e) {
            throw new UnsupportedImageException(e.getMessage(), e);
        }
        Plan plan = plan(planes);
        requireResultFitsAnArray(planes, plan, "upscale it in parts, or from a file into a .png, which is streamed");
        return upscale(planes, plan, progress, cancellation);
    }

    /**
     * How an image is upscaled: on which network, to what size. The network's result is
     * resampled to that size when it differs.
     */
    private record Plan(PlanesUpscaler upscaler, int width, int height) {
        int networkScale() {
            return upscaler.network().spec().scale();
        }

        boolean resampled(ImagePlanes planes) {
            return (long) planes.width() * networkScale() != width || (long) planes.height() * networkScale() != height;
        }
    }

    /** The plan for this image: this instance's network at its own size, or the smallest scale that reaches the size asked for. */
    private Plan plan(ImagePlanes planes) {
        int w = planes.width();
        int h = planes.height();
        if (outputSize.isNetworkScale()) {
            int s = scale();
            return new Plan(networks.first(), Math.multiplyExact(w, s), Math.multiplyExact(h, s));
        }
        double growth = outputSize.growth(w, h);
        if (growth < 1) {
            throw new UnsupportedImageException(String.format(java.util.Locale.ROOT,
                    "a %dx%d image is already larger than %s; an upscale only enlarges", w, h, outputSize));
        }
        PlanesUpscaler upscaler = networks.at(networks.scaleFor(growth));
        int[] size = outputSize.of(w, h, upscaler.network().spec().scale());
        return new Plan(upscaler, size[0], size[1]);
    }

    /** The result is built in one array of samples per plane: refuse, before the work, one larger than Java allows. */
    private static void requireResultFitsAnArray(ImagePlanes planes, Plan plan, String instead) {
        long s = plan.networkScale();
        long bytes = Math.max((long) planes.width() * s * planes.height() * s, (long) plan.width() * plan.height()) * 3 * (planes.bits() / 8);
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new UnsupportedImageException(String.format(java.util.Locale.ROOT,
                    "the x%d result of a %dx%d image is %.1f GB of colour samples, more than one Java array holds (2 GB); %s",
                    s, planes.width(), planes.height(), bytes / 1e9, instead));
        }
    }

    private synchronized BufferedImage upscale(ImagePlanes planes, Plan plan, ProgressListener progress, Cancellation cancellation) {
        try {
            return onDevice(() -> plan.upscaler().toImage(planes, plan.width(), plan.height(), progress, stopOnClose(cancellation)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // toImage writes no file
        }
    }

    private synchronized void upscaleToPng(ImagePlanes planes, Plan plan, byte[] iccProfile, PhotoMetadata metadata, Path out,
                                           boolean replace, ProgressListener progress, Cancellation cancellation) throws IOException {
        onDevice(() -> {
            plan.upscaler().toPng(planes, iccProfile, metadata, out, replace, progress, stopOnClose(cancellation));
            return null;
        });
    }

    /** Work on the device, which may throw an IOException (writing a file as it goes). */
    @FunctionalInterface
    private interface DeviceWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} with the device, counting it as a call in progress: a {@link #close()}
     * made meanwhile from the calling thread (a progress listener, say) stops it within the
     * tile's work and frees the device once it has ended, never while tiles are in flight.
     * Callers hold this instance's lock, so a close from another thread waits for the call instead.
     */
    private <T> T onDevice(DeviceWork<T> work) throws IOException {
        enterCall();
        try {
            return work.run();
        } catch (CancellationException e) {
            throw closed ? new CancellationException("this GpuSuperResolver was closed during the call") : e;
        } finally {
            leaveCall();
        }
    }

    /** Counts a call in progress, or refuses one once closed; callers hold this instance's lock. */
    private void enterCall() {
        if (closed) {
            throw new IllegalStateException("this GpuSuperResolver is closed");
        }
        callsInProgress++;
    }

    /** Ends a call; the last one to end after a close frees the device. */
    private void leaveCall() {
        callsInProgress--;
        if (closed && callsInProgress == 0) {
            release();
        }
    }

    /**
     * An upscaler for frames of {@code width} x {@code height} into buffers the caller owns,
     * at {@link #scale()}: see {@link FrameUpscaler}. It uses this instance's device and model
     * and lives no longer than it.
     *
     * @throws IllegalArgumentException for a size that is not positive
     * @throws IllegalStateException with an output size or seamless textures, which frames do not take
     *     (frames are the network's scale, borders as they are), or when this instance is closed
     */
    public FrameUpscaler frames(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (!outputSize.isNetworkScale() || seamless) {
            throw new IllegalStateException("frames run at the network's scale with plain borders; build a resolver without "
                    + (seamless ? "optSeamless" : "an output size (" + outputSize + ")") + " for them");
        }
        if (closed) {
            throw new IllegalStateException("this GpuSuperResolver is closed");
        }
        PlanesUpscaler first = networks.first();
        return new FrameUpscaler(this, width, height, scale(), first.tileSide(), network().spec().receptiveRadius());
    }

    /**
     * One frame, on the device like any call: {@code in} into {@code out} through {@code workspace}.
     * Written out rather than through {@link #onDevice}, whose lambda would be an allocation a frame.
     */
    synchronized void upscaleFrame(TileWorkspace workspace, RgbImage in, RgbImage out, BooleanSupplier stop) {
        enterCall();
        try {
            workspace.upscale(networks.first().frameNetwork(), in, out, stop);
        } catch (CancellationException e) {
            throw closed ? new CancellationException("this GpuSuperResolver was closed during the call") : e;
        } catch (DeviceFailure e) {
            throw new DeviceException(e);
        } finally {
            leaveCall();
        }
    }

    /** Whether this instance is closed; read by the stop signal of a call in progress. */
    boolean isClosed() {
        return closed;
    }

    /** Whether to stop: {@code cancellation} cancelled, or this instance closed. */
    private BooleanSupplier stopOnClose(Cancellation cancellation) {
        return () -> closed || cancellation.isCancelled();
    }

    /** The LR tile side in use: the one asked for, or the automatic one, halved after each out-of-memory retry. */
    public synchronized int tileSide() {
        return networks.first().tileSide();
    }

    /** As {@link #upscale(Path, Path, ProgressListener, Cancellation, CopyOption...)} with this instance's listener. */
    public void upscale(Path in, Path out, CopyOption... options) throws IOException {
        upscale(in, out, listener, new Cancellation(), options);
    }

    /**
     * Reads {@code in}, upscales it and writes {@code out} (format from its extension: png, jpg,
     * bmp, gif, tif, webp). PNG is written strip by strip as the tiles finish, so the output never
     * has to fit in memory; other formats are built in memory first. An embedded ICC profile is
     * kept where the output format can embed one (png, jpg, tif): the values are upscaled as
     * stored and the profile written with them; for bmp and gif they are converted into sRGB
     * first. The output is written to a temporary file and moved into place, so a failure or a
     * cancellation leaves nothing half-written. Alpha needs an output format that keeps it (png,
     * tif).
     *
     * <p>An existing output is replaced only with {@link StandardCopyOption#REPLACE_EXISTING},
     * the one option taken; without it, an output that appears while the work runs is not
     * replaced either. The input is never overwritten.
     *
     * <p>Calls from several threads on an OpenCL device decode and encode their files while
     * another call's tiles run on the device. On the CPU path, whose network already uses every
     * core, they take whole files in turn, decoding and encoding included: work beside it would
     * only stall its parallel loops.
     *
     * @throws FileAlreadyExistsException when {@code out} exists and {@code REPLACE_EXISTING} is not given
     * @throws IOException when {@code in} cannot be read or decoded, or {@code out} cannot be written;
     *     the message names the file and the reason
     * @throws UnsupportedImageException when the image is refused before any work: over
     *     {@link #maxInputPixels()}, too large to build in memory for a format other than PNG, with
     *     alpha for a format without it, or an output extension naming no format
     * @throws IllegalArgumentException when {@code out} is {@code in}
     * @throws UnsupportedOperationException for a copy option other than {@code REPLACE_EXISTING}
     * @throws CancellationException when {@code cancellation} is cancelled or
     *     the thread interrupted; nothing is written and the instance stays usable
     * @throws DeviceException when the device fails, out of memory even with the smallest tiles
     * @throws IllegalStateException when this instance is closed
     */
    public void upscale(Path in, Path out, ProgressListener progress, Cancellation cancellation, CopyOption... options)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(progress, "progress (ProgressListener.NONE for none)");
        Objects.requireNonNull(cancellation, "cancellation (a new Cancellation() for none)");
        boolean replace = replaceExisting(options);
        if (closed) {
            throw new IllegalStateException("this GpuSuperResolver is closed");
        }
        try {
            if (backend.usesHostCores()) {
                synchronized (this) {
                    upscaleFile(in, out, replace, progress, cancellation);
                }
            } else {
                upscaleFile(in, out, replace, progress, cancellation);
            }
        } catch (ImageRefusedException e) {
            throw new UnsupportedImageException(e.getMessage(), e);
        }
    }

    /** Whether {@code options} ask to replace an existing output; refuses any other option, as {@link Files#copy} does. */
    private static boolean replaceExisting(CopyOption... options) {
        boolean replace = false;
        for (CopyOption option : options) {
            if (option == StandardCopyOption.REPLACE_EXISTING) {
                replace = true;
            } else {
                throw new UnsupportedOperationException(Objects.requireNonNull(option, "copy option") + ": only "
                        + "REPLACE_EXISTING applies to an upscale; the output is always written through a temporary file");
            }
        }
        return replace;
    }

    private void upscaleFile(Path in, Path out, boolean replace, ProgressListener progress, Cancellation cancellation)
            throws IOException {
        if (Files.exists(out) && Files.exists(in) && Files.isSameFile(in, out)) {
            if (replace) {
                throw new IllegalArgumentException(out + " is the input file; refusing to overwrite it");
            }
            throw new FileAlreadyExistsException(out.toString(), null, "exists (it is the input file)");
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !replace) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists; pass REPLACE_EXISTING to replace it");
        }
        AtomicFiles.requireCreatable(out); // before the work, not after it
        ImageDecoding.Decoded decoded = ImageDecoding.read(in, maxInputPixels);
        ImagePlanes planes = ImagePlanes.of(decoded.image(), decoded.grey());
        ImageEncoding.requireWritable(out, planes.hasAlpha());
        Plan plan = plan(planes);
        // PNG is streamed as the tiles come, unless the result is resampled, which needs it whole
        boolean streamed = ImageEncoding.isStreamed(out) && !plan.resampled(planes);
        if (!streamed) {
            requireResultFitsAnArray(planes, plan, "write .png at the network's own scale, which is streamed row by row");
            requireFitsInMemory(planes, plan, out);
        }
        byte[] profile = decoded.iccProfile();
        if (profile != null && !IccProfiles.canCarry(out)) {
            planes = IccProfiles.toSrgb(planes, profile);
            profile = null;
        }
        if (streamed) {
            upscaleToPng(planes, plan, profile, decoded.metadata(), out, replace, progress, cancellation);
        } else {
            ImageEncoding.write(upscale(planes, plan, progress, cancellation), out, profile, decoded.metadata(), replace, quality);
        }
    }

    /**
     * Formats other than PNG are built whole before they are written: refuse, before the work,
     * an output this JVM's heap cannot hold (the samples, the image and the encoder's copy).
     */
    private static void requireFitsInMemory(ImagePlanes planes, Plan plan, Path out) {
        long s = plan.networkScale();
        // the network's result, and the resampled one beside it
        long pixels = (long) planes.width() * planes.height() * s * s + (plan.resampled(planes) ? (long) plan.width() * plan.height() : 0);
        long bytes = pixels * (planes.bits() > 8 ? 16 : 8);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new UnsupportedImageException(String.format(java.util.Locale.ROOT,
                    "%s: a %dx%d %s is built whole in memory (about %d MB), more than this JVM's heap of %d MB;"
                            + " write .png at the network's own scale, which is streamed row by row, or give the JVM more"
                            + " (-Xmx, MSSN_JAVA_OPTS)",
                    out, plan.width(), plan.height(), out.getFileName().toString().replaceAll(".*\\.", "."),
                    bytes >> 20, heap >> 20));
        }
    }

    /** Device buffers held now (0 on the Java path); for checking that calls leave nothing behind. */
    int liveDeviceBuffers() {
        return backend.liveDeviceBuffers();
    }

    /**
     * Releases the device and its memory. A call in progress on another thread is waited for;
     * one in progress on this thread (close() from a progress listener) is stopped at its next
     * tile with a CancellationException, and the device is released as it ends. Later calls
     * fail with an IllegalStateException; closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (callsInProgress == 0) {
                release();
            }
        }
    }

    private void release() {
        try {
            networks.close();
        } finally {
            backend.close();
        }
    }

    /** Builder with DJL-style {@code opt} setters; everything has a default. */
    public static final class Builder {
        private String model = Models.DEFAULT;
        private int scale = 2;
        private boolean scaleSet;
        private OutputSize outputSize = OutputSize.NETWORK;
        private String device = "auto";
        private int tileSide;
        private ProgressListener listener = ProgressListener.NONE;
        private Precision precision = Precision.FP32;
        private boolean selfEnsemble;
        private long maxInputPixels = ImageDecoding.DEFAULT_MAX_PIXELS;
        private int quality = ImageEncoding.DEFAULT_QUALITY;
        private boolean seamless;
        private String openClBinding;

        /** Embedded model name ("mssn-m") or a .safetensors / .pt file. Default: mssn-m. */
        public Builder optModel(String nameOrFile) {
            this.model = nameOrFile;
            return this;
        }

        /** The network's scale: 2, 3 or 4, the output's size that many times the input's. Default: 2. */
        public Builder optScale(int scale) {
            this.scale = scale;
            this.scaleSet = true;
            return this;
        }

        /**
         * Outputs {@code factor} times the input's size (rounded to whole pixels), any factor of
         * at least 1: the network runs at the smallest of its scales that reaches it and its
         * result is resampled (Lanczos-3, anti-aliased) to the exact size; above the largest
         * scale, 4, the resampler enlarges the rest. Replaces {@link #optScale}.
         */
        public Builder optOutputScale(double factor) {
            this.outputSize = OutputSize.factor(factor);
            return this;
        }

        /**
         * Outputs exactly {@code width} x {@code height}, the proportions as given: each image
         * runs at the smallest scale that reaches the size (loaded the first time an image needs
         * it) and is resampled to it. An image already larger on both sides is refused.
         * Replaces {@link #optScale}.
         */
        public Builder optOutputSize(int width, int height) {
            this.outputSize = OutputSize.exactly(width, height);
            return this;
        }

        /**
         * Outputs the largest size within {@code width} x {@code height} that keeps each image's
         * proportions, as {@link #optOutputSize} otherwise. An image that already fills the box
         * is refused. Replaces {@link #optScale}.
         */
        public Builder optFitWithin(int width, int height) {
            this.outputSize = OutputSize.fitWithin(width, height);
            return this;
        }

        /**
         * auto (the best GPU or accelerator, else the CPU path), cpu (the fast CPU path; start the
         * JVM with {@code --add-modules jdk.incubator.vector} for its vectorised kernels),
         * reference (the slow op-by-op Java pass the others are tested against), opencl (the best
         * OpenCL device), opencl:N or N (a device by its index in {@code mssn devices}), or a
         * fragment of a device's name, vendor or platform such as "nvidia". Default: auto.
         */
        public Builder optDevice(String device) {
            this.device = device;
            return this;
        }

        /**
         * LR tile side in pixels: 0 picks one for the device, otherwise at least
         * {@value PlanesUpscaler#SMALLEST_TILE} (smaller tiles would spend most of their work on
         * the halo around them). A side larger than an image is that image in one tile. Default: 0.
         */
        public Builder optTileSize(int tileSide) {
            this.tileSide = tileSide;
            return this;
        }

        /**
         * How activations are stored on an OpenCL device: FP32 (default; tiled output is
         * bit-identical to untiled) or FP16 (half the memory and traffic, arithmetic still fp32;
         * output typically within a level or two). The CPU paths always store fp32 and say so.
         */
        public Builder optPrecision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /**
         * Self-ensemble ("TTA"): upscale the eight flips and transposes of each image, turn the
         * results back and average them before rounding. About +0.1 dB on Set5 for eight times
         * the work; progress counts every pass and cancellation is checked between passes.
         * Default: off.
         */
        public Builder optSelfEnsemble(boolean selfEnsemble) {
            this.selfEnsemble = selfEnsemble;
            return this;
        }

        /**
         * The most pixels an input file may have; larger ones are refused from their header,
         * before any pixel is decoded (a small file can claim a size that would take gigabytes).
         * Default: 100 megapixels ({@link ImageDecoding#DEFAULT_MAX_PIXELS}).
         */
        public Builder optMaxInputPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("the input pixel limit must be positive, got " + maxPixels);
            }
            this.maxInputPixels = maxPixels;
            return this;
        }

        /**
         * Seamless textures: each image is taken for one tile of a texture repeated in both
         * directions, so its borders continue into the opposite side instead of meeting the
         * network's zero padding, and the output of a tileable texture tiles without seams. It
         * equals the centre of the upscale of the image laid 3x3. Costs a border of the network's
         * receptive radius (a few dozen pixels) around each image. Default: off.
         */
        public Builder optSeamless(boolean seamless) {
            this.seamless = seamless;
            return this;
        }

        /**
         * The quality of lossy outputs (JPEG, WebP) that {@link GpuSuperResolver#upscale(Path, Path,
         * CopyOption...)} writes, 1 to 100; 100 makes WebP lossless; lossless formats ignore it.
         * Default: 95 (ImageIO's is 75: the point of upscaling is detail).
         */
        public Builder optQuality(int quality) {
            this.quality = ImageEncoding.requireQuality(quality);
            return this;
        }

        /**
         * The Java binding OpenCL is reached through: "jocl" (org.jocl:jocl, a dependency of
         * this library), "lwjgl" (org.lwjgl:lwjgl-opencl, for applications already built on
         * LWJGL; add it with org.lwjgl:lwjgl and its natives) or "auto" (JOCL when on the class
         * path, else LWJGL). A binding named here but missing from the class path fails the
         * build. Default: the system property {@code mssn.opencl.binding}, else auto.
         */
        public Builder optOpenClBinding(String binding) {
            this.openClBinding = Objects.requireNonNull(binding, "binding");
            return this;
        }

        /** Told after each tile of every call that names no listener of its own. Default: none. */
        public Builder optProgressListener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Loads the model and opens the device.
         *
         * @throws IllegalArgumentException for a scale other than 2, 3 or 4, or a tile size below 16 other than 0
         * @throws ModelException when the model cannot be loaded: an unknown name, no weights for
         *     the scale, a missing or damaged weights file
         * @throws NoSuchDeviceException when no device answers to {@link #optDevice} (or the OpenCL
         *     binding named is missing)
         * @throws DeviceException when the device fails while the model is loaded onto it
         */
        public GpuSuperResolver build() {
            if (scale < 2 || scale > 4) {
                throw new IllegalArgumentException("scale must be 2, 3 or 4, got " + scale);
            }
            if (tileSide < 0 || (tileSide > 0 && tileSide < PlanesUpscaler.SMALLEST_TILE)) {
                throw new IllegalArgumentException("tile size must be 0 (automatic) or at least " + PlanesUpscaler.SMALLEST_TILE
                        + " pixels, got " + tileSide);
            }
            if (scaleSet && !outputSize.isNetworkScale()) {
                throw new IllegalArgumentException("optScale and an output size (" + outputSize
                        + ") exclude each other: the output size picks the network's scale");
            }
            List<Integer> scales = outputSize.isNetworkScale() ? List.of(scale) : modelScales();
            int first = outputSize.isNetworkScale() ? scale
                    : ScaledNetworks.smallestReaching(scales, outputSize.growthIfFixed().orElse(1.0));
            Backend backend;
            try {
                backend = Backends.open(device, new BackendProvider.Settings(openClBinding));
            } catch (DeviceFailure | IllegalArgumentException | IllegalStateException e) {
                throw new NoSuchDeviceException(e.getMessage(), e);
            }
            try {
                IntFunction<PlanesUpscaler> loader = s -> load(backend, s);
                return new GpuSuperResolver(backend, new ScaledNetworks(loader.apply(first), scales, loader), outputSize, listener,
                        selfEnsemble, maxInputPixels, model, quality, seamless);
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
        }

        /** The scales the model has: an embedded model's, or a weights file's own. */
        private List<Integer> modelScales() {
            try {
                List<Integer> scales = Models.scales(model);
                if (scales.isEmpty()) {
                    throw new ModelException("no embedded model '" + model + "' at any scale; pass a .safetensors or .pt file instead", null);
                }
                return scales;
            } catch (IOException | ModelFormatException e) {
                throw new ModelException(e.getMessage(), e);
            }
        }

        /** The model at {@code scale} on the device, with its tile side. */
        private PlanesUpscaler load(Backend backend, int scale) {
            Weights weights;
            try {
                weights = Models.load(model, scale);
            } catch (IOException | ModelFormatException | IllegalArgumentException e) {
                throw new ModelException(e.getMessage(), e);
            }
            try {
                Network network = backend.load(MssnParameters.of(weights), precision.storage());
                int side = tileSide > 0 ? tileSide : backend.tileSide(network.spec(), precision.storage());
                return new PlanesUpscaler(network, side, backend.describe(), selfEnsemble, seamless);
            } catch (DeviceFailure e) {
                throw new DeviceException(e);
            }
        }
    }
}
