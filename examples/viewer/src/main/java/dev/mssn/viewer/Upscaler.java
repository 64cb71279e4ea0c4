package dev.mssn.viewer;

import dev.mssn.Cancellation;
import dev.mssn.GpuSuperResolver;
import dev.mssn.ProgressListener;
import java.awt.image.BufferedImage;

/** One loaded model on one device; the seam between the viewer's job logic and the library. */
interface Upscaler extends AutoCloseable {

    BufferedImage upscale(BufferedImage image, ProgressListener progress, Cancellation cancellation);

    /** Where it runs, as the library describes it. */
    String device();

    @Override
    void close();

    /** The library's resolver for {@code settings}. */
    static Upscaler of(Settings settings) {
        GpuSuperResolver.Builder b = GpuSuperResolver.builder().optModel(settings.model()).optDevice(settings.device())
                .optPrecision(settings.precision()).optSeamless(settings.seamless());
        GpuSuperResolver sr = (settings.networkScale() ? b.optScale((int) settings.factor()) : b.optOutputScale(settings.factor())).build();
        return new Upscaler() {
            @Override
            public BufferedImage upscale(BufferedImage image, ProgressListener progress, Cancellation cancellation) {
                return sr.upscale(image, progress, cancellation);
            }

            @Override
            public String device() {
                return sr.device();
            }

            @Override
            public void close() {
                sr.close();
            }
        };
    }
}
