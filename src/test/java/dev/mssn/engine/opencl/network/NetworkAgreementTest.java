package dev.mssn.engine.opencl.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.Storage;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Variant;
import dev.mssn.testutil.RandomModels;
import dev.mssn.testutil.Requires;
import dev.mssn.testutil.SeededRandom;
import dev.mssn.testutil.Tolerance;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole network on OpenCL against the plain-Java path: the same image within a level (or a few at 16 bits). */
class NetworkAgreementTest {

    @org.junit.jupiter.api.Test
    void releasedWeightsAgreeOnARealImage() throws java.io.IOException {
        MssnParameters p = MssnParameters.of(dev.mssn.model.importer.TorchCheckpointImporter.read(
                Requires.shared("models/mssn-official/MSSN_x3.pt")));
        java.awt.image.BufferedImage bird = dev.mssn.image.ImageDecoding.read(Requires.shared("datasets/Set5/HR/bird.png")).image();
        java.awt.image.BufferedImage crop = bird.getSubimage(100, 80, 61, 47);
        RgbImage lr = new RgbImage(61, 47, dev.mssn.image.PixelConversion.toRgb(crop));
        RgbImage expected;
        try (JavaBackend java = new JavaBackend(2); Network net = java.load(p)) {
            expected = net.upscale(lr);
        }
        try (ClBackend cl = new ClBackend(Requires.openCl()); Network net = cl.load(p)) {
            Tolerance.assertU8(expected.rgb(), net.upscale(lr).rgb(), "MSSN x3 on a bird.png crop");
        }
    }

    @ParameterizedTest(name = "{0} x{1} on {2}x{3}")
    @CsvSource({"MSSN_S,3,13,9", "MSSN_M,2,1,1", "MSSN_M,4,7,5", "MSSN,2,6,11"})
    void openClMatchesJava(Variant variant, int scale, int w, int h) {
        ModelSpec spec = variant == Variant.MSSN ? new ModelSpec(variant, scale, List.of(0, 1, 2, 3, 2, 3)) : ModelSpec.of(variant, scale);
        long seed = 31L * variant.ordinal() + scale + w + h;
        MssnParameters p = MssnParameters.of(RandomModels.weights(spec, seed));
        RgbImage lr = new RgbImage(w, h, new SeededRandom(seed).bytes(w * h * 3));
        RgbImage expected;
        try (JavaBackend java = new JavaBackend(2); Network net = java.load(p)) {
            expected = net.upscale(lr);
        }
        try (ClBackend cl = new ClBackend(Requires.openCl())) {
            Network net = cl.load(p);
            RgbImage actual = net.upscale(lr);
            assertEquals(expected.width(), actual.width());
            Tolerance.assertU8(expected.rgb(), actual.rgb(), spec + " seed=" + seed + " " + w + "x" + h);
            // a second call on another size reuses nothing stale
            RgbImage other = new RgbImage(h, w, new SeededRandom(seed + 1).bytes(w * h * 3));
            RgbImage again;
            try (JavaBackend java = new JavaBackend(1); Network ref = java.load(p)) {
                again = ref.upscale(other);
            }
            Tolerance.assertU8(again.rgb(), net.upscale(other).rgb(), spec + " second size");
            net.close();
            assertEquals(0, cl.liveDeviceBuffers(), "closing the network releases all its device buffers");
        }
    }

    /** The network with its expansion and depthwise fused (and small vectors elsewhere), as a GPU's entry might say. */
    @ParameterizedTest(name = "{0} x{1} on {2}x{3}, fused, {4}")
    @CsvSource({"MSSN_S,2,13,9,FP32", "MSSN_M,3,21,6,FP16", "MSSN_M,2,1,1,FP32"})
    void theFusedKernelAgreesWithJavaToo(Variant variant, int scale, int w, int h, dev.mssn.engine.Storage precision) {
        ModelSpec spec = ModelSpec.of(variant, scale);
        long seed = 71L * variant.ordinal() + scale + w + h;
        MssnParameters p = MssnParameters.of(RandomModels.weights(spec, seed));
        RgbImage lr = new RgbImage(w, h, new SeededRandom(seed).bytes(w * h * 3));
        RgbImage expected;
        try (JavaBackend java = new JavaBackend(2); Network net = java.load(p)) {
            expected = net.upscale(lr);
        }
        dev.mssn.engine.opencl.tuning.TuningEntry fused = new dev.mssn.engine.opencl.tuning.TuningEntry("test", "test",
                new dev.mssn.engine.opencl.ops.LaunchParams(4, 8, 1, 16), new dev.mssn.engine.opencl.ops.LaunchParams(2, 1, 1, 8),
                new dev.mssn.engine.opencl.ops.LaunchParams(4, 4, 1, 8), new dev.mssn.engine.opencl.ops.LaunchParams(4, 8, 3, 4),
                "test");
        try (ClBackend cl = new ClBackend(Requires.openCl(), null, fused)) {
            Network net = cl.load(p, precision);
            RgbImage actual = net.upscale(lr);
            if (precision == dev.mssn.engine.Storage.FP32) {
                Tolerance.assertU8(expected.rgb(), actual.rgb(), spec + " fused, seed=" + seed);
            } else {
                // fp16 storage: against the same network unfused at fp16, which rounds the expanded tensor to half too
                RgbImage apart;
                dev.mssn.engine.opencl.tuning.TuningEntry unfused = new dev.mssn.engine.opencl.tuning.TuningEntry("test", "test",
                        fused.pointwise(), fused.depthwise(), fused.dense(), null, "test");
                try (ClBackend other = new ClBackend(Requires.openCl(), null, unfused); Network n2 = other.load(p, precision)) {
                    apart = n2.upscale(lr);
                }
                int worst = 0;
                for (int i = 0; i < apart.rgb().length; i++) {
                    worst = Math.max(worst, Math.abs((apart.rgb()[i] & 0xff) - (actual.rgb()[i] & 0xff)));
                }
                assertTrue(worst <= 3, spec + " fused vs apart at fp16: " + worst + " levels");
            }
            net.close();
            assertEquals(0, cl.liveDeviceBuffers(), "closing the network releases all its device buffers");
        }
    }

    @ParameterizedTest(name = "{0} x{1} on {2}x{3}, 16-bit")
    @CsvSource({"MSSN_S,3,13,9", "MSSN_M,2,17,6"})
    void openClMatchesJavaOn16BitImages(Variant variant, int scale, int w, int h) {
        ModelSpec spec = ModelSpec.of(variant, scale);
        long seed = 57L * variant.ordinal() + scale + w + h;
        MssnParameters p = MssnParameters.of(RandomModels.weights(spec, seed));
        RgbImage lr = new RgbImage(w, h, new SeededRandom(seed).bytes(w * h * 6), SampleDepth.BITS_16);
        RgbImage expected;
        try (JavaBackend java = new JavaBackend(2); Network net = java.load(p)) {
            expected = net.upscale(lr);
        }
        try (ClBackend cl = new ClBackend(Requires.openCl()); Network net = cl.load(p)) {
            RgbImage actual = net.upscale(lr);
            int worst = 0;
            for (int i = 0; i < w * h * scale * scale * 3; i++) {
                worst = Math.max(worst, Math.abs(SampleDepth.BITS_16.get(expected.rgb(), i) - SampleDepth.BITS_16.get(actual.rgb(), i)));
            }
            System.out.println(spec + " 16-bit, OpenCL vs Java: at most " + worst + " levels apart");
            Tolerance.assertSamples(expected, actual, spec + " 16-bit seed=" + seed);
        }
    }

    @org.junit.jupiter.api.Test
    void halfStorageStaysWithinAFewLevelsOfFp32() throws java.io.IOException {
        MssnParameters p = MssnParameters.of(dev.mssn.model.io.WeightsFile.read(java.nio.file.Path.of("weights/mssn-m-x2.safetensors")));
        java.awt.image.BufferedImage sample = dev.mssn.image.ImageDecoding.read(java.nio.file.Path.of("examples/sample-lr.png")).image();
        RgbImage lr = new RgbImage(sample.getWidth(), sample.getHeight(), dev.mssn.image.PixelConversion.toRgb(sample));
        RgbImage fp32;
        RgbImage fp16;
        try (ClBackend cl = new ClBackend(Requires.openCl())) {
            try (Network net = cl.load(p, Storage.FP32)) {
                fp32 = net.upscale(lr);
            }
            try (Network net = cl.load(p, Storage.FP16)) {
                fp16 = net.upscale(lr);
            }
        }
        int maxDiff = 0;
        int differing = 0;
        double squared = 0;
        for (int i = 0; i < fp32.rgb().length; i++) {
            int d = Math.abs((fp32.rgb()[i] & 0xff) - (fp16.rgb()[i] & 0xff));
            maxDiff = Math.max(maxDiff, d);
            differing += d > 0 ? 1 : 0;
            squared += d * d;
        }
        double psnr = 10 * Math.log10(255.0 * 255.0 / (squared / fp32.rgb().length));
        System.out.printf("fp16 vs fp32: max %d levels, %d of %d values differ, %.2f dB%n", maxDiff, differing, fp32.rgb().length, psnr);
        assertTrue(differing > 0, "fp16 storage changes some values (else the option did nothing)");
        assertTrue(maxDiff <= 2, "largest difference " + maxDiff + " levels");
        assertTrue(psnr >= 55, "fp16 vs fp32 PSNR " + psnr + " dB");
    }
}
