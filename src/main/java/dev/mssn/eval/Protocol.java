package dev.mssn.eval;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The evaluation protocol of docs/mssn.md: what the published tables measure. */
public final class Protocol {

    private Protocol() {}

    public record Score(String image, double psnr, double ssim) {}

    public record Summary(List<Score> scores, double meanPsnr, double meanSsim) {}

    /**
     * Scores a network: modcrop, MATLAB bicubic downscale of the RGB, upscale, then PSNR and SSIM
     * on BT.601 Y with an s-pixel border cropped.
     */
    public static Score score(Network network, EvalImage image, int s) {
        EvalImage hr = image.modcrop(s);
        RgbImage sr = network.upscale(EvalImage.downscale(hr.rgb(), s));
        if (sr.width() != hr.rgb().width() || sr.height() != hr.rgb().height()) {
            throw new IllegalStateException(image.name() + ": network returned " + sr.width() + "x" + sr.height());
        }
        return compare(image.name(), EvalImage.luma(sr), EvalImage.luma(hr.rgb()), hr.rgb().width(), hr.rgb().height(), s);
    }

    /**
     * The published "Bicubic" rows: Y only, HR -> Y -> down -> up, rounded to 8 bits. A grey
     * source image is its own Y (the reference pipeline skips the colour conversion for it).
     */
    public static Score bicubic(EvalImage image, int s) {
        EvalImage hr = image.modcrop(s);
        int w = hr.rgb().width();
        int h = hr.rgb().height();
        double[] y = EvalImage.luma(hr.rgb());
        if (hr.grey()) {
            for (int i = 0; i < y.length; i++) {
                y[i] = hr.rgb().rgb()[3 * i] & 0xff;
            }
        }
        double[] lr = MatlabBicubic.resize(y, h, w, 1.0 / s, h / s, w / s);
        double[] up = MatlabBicubic.resize(lr, h / s, w / s, s, h, w);
        double[] ref = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            up[i] = MatlabBicubic.toUint8(up[i]);
            ref[i] = MatlabBicubic.toUint8(y[i]);
        }
        return compare(image.name(), up, ref, w, h, s);
    }

    private static Score compare(String name, double[] ySr, double[] yHr, int w, int h, int s) {
        double[] a = Metrics.crop(ySr, h, w, s);
        double[] b = Metrics.crop(yHr, h, w, s);
        return new Score(name, Metrics.psnr(a, b), Metrics.ssim(a, b, h - 2 * s, w - 2 * s));
    }

    /** Scores every image (network null = bicubic) and averages, reporting each score as it is made. */
    public static Summary evaluate(Network network, List<EvalImage> images, int s, Consumer<Score> perImage) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to evaluate");
        }
        List<Score> scores = new ArrayList<>();
        for (EvalImage img : images) {
            Score sc = network == null ? bicubic(img, s) : score(network, img, s);
            perImage.accept(sc);
            scores.add(sc);
        }
        return new Summary(scores, scores.stream().mapToDouble(Score::psnr).average().orElseThrow(),
                scores.stream().mapToDouble(Score::ssim).average().orElseThrow());
    }
}
