package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.ImageDecoding;
import dev.mssn.image.PixelConversion;
import dev.mssn.model.ModelFormatException;
import dev.mssn.model.io.Models;
import dev.mssn.testutil.CapturedStderr;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuSuperResolverTest {

    private static final Path SAMPLE = Path.of("examples/sample-lr.png");

    @Test
    void theDefaultModelIsEmbeddedAtX2() throws IOException {
        assertTrue(Models.embedded(2).contains(Models.DEFAULT), "embedded at x2: " + Models.embedded(2));
        assertEquals(2, Models.load(Models.DEFAULT, 2).spec().scale());
    }

    @Test
    void upscalesTheSampleFileAndGuardsFiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("big.png");
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").build()) {
            sr.upscale(SAMPLE, out);
            BufferedImage in = ImageDecoding.read(SAMPLE).image();
            BufferedImage big = ImageDecoding.read(out).image();
            assertEquals(in.getWidth() * 2, big.getWidth());
            assertEquals(in.getHeight() * 2, big.getHeight());
            // the file holds exactly what the in-memory call returns
            assertArrayEquals(PixelConversion.toRgb(sr.upscale(in)), PixelConversion.toRgb(big));

            FileAlreadyExistsException exists = assertThrows(FileAlreadyExistsException.class, () -> sr.upscale(SAMPLE, out));
            assertEquals(out.toString(), exists.getFile());
            assertTrue(exists.getMessage().contains("REPLACE_EXISTING"), exists.getMessage());
            byte[] before = Files.readAllBytes(out);
            sr.upscale(SAMPLE, out, StandardCopyOption.REPLACE_EXISTING);
            assertArrayEquals(before, Files.readAllBytes(out), "replaced by the same upscale");
            assertThrows(UnsupportedOperationException.class, () -> sr.upscale(SAMPLE, out, StandardCopyOption.COPY_ATTRIBUTES));
            assertThrows(NullPointerException.class, () -> sr.upscale(SAMPLE, out, (java.nio.file.CopyOption) null));
            Path copy = Files.copy(SAMPLE, dir.resolve("in.png"));
            IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> sr.upscale(copy, copy, StandardCopyOption.REPLACE_EXISTING));
            assertTrue(self.getMessage().contains("is the input file"), self.getMessage());
            assertThrows(FileAlreadyExistsException.class, () -> sr.upscale(copy, copy));
            UnsupportedImageException heic = assertThrows(UnsupportedImageException.class, () -> sr.upscale(SAMPLE, dir.resolve("x.heic")));
            assertTrue(heic.getMessage().contains("unknown output format"), heic.getMessage());
            try (var files = Files.list(dir)) {
                assertEquals(List.of("big.png", "in.png"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                        "failed writes leave no temporary files");
            }
        }
    }

    @Test
    void availableDevicesStartWithTheCpuPathAndListOpenClDevicesAsTheBuilderTakesThem() {
        List<AvailableDevice> devices = GpuSuperResolver.availableDevices();
        assertEquals("cpu", devices.get(0).spec());
        assertTrue(devices.get(0).description().startsWith("cpu ("), devices.get(0).description());
        for (int i = 1; i < devices.size(); i++) {
            AvailableDevice d = devices.get(i);
            assertEquals("opencl:" + (i - 1), d.spec());
            try (GpuSuperResolver sr = GpuSuperResolver.builder().optModel("mssn-s").optDevice(d.spec()).build()) {
                assertEquals(d.description(), sr.device());
            }
        }
        AvailableDevice auto = GpuSuperResolver.autoDevice();
        assertTrue(devices.contains(auto), auto + " is not listed");
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optModel("mssn-s").build()) {
            assertEquals(auto.description(), sr.device(), "auto opens the device autoDevice names");
        }
    }

    @Test
    void everyListedFileFormatIsWrittenByItsExtensions(@TempDir Path dir) throws IOException {
        BufferedImage small = new BufferedImage(6, 5, BufferedImage.TYPE_INT_RGB);
        small.setRGB(2, 2, 0x336699);
        Path in = dir.resolve("in.png");
        javax.imageio.ImageIO.write(small, "png", in.toFile());
        List<FileFormat> formats = GpuSuperResolver.fileFormats();
        assertEquals(List.of("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP"), formats.stream().map(FileFormat::name).toList());
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optModel("mssn-s").optDevice("cpu").build()) {
            for (FileFormat f : formats) {
                for (String ext : f.extensions()) {
                    Path out = dir.resolve("out." + ext);
                    sr.upscale(in, out);
                    BufferedImage back = ImageDecoding.read(out).image();
                    assertEquals(12, back.getWidth(), out.toString());
                    assertEquals(10, back.getHeight(), out.toString());
                }
            }
        }
    }

    @Test
    void builderRejectsBadSettings(@TempDir Path dir) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> GpuSuperResolver.builder().optScale(5).build());
        assertThrows(IllegalArgumentException.class, () -> GpuSuperResolver.builder().optTileSize(-1).build());
        ModelException unknown = assertThrows(ModelException.class, () -> GpuSuperResolver.builder().optModel("nope").build());
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        ModelException missing = assertThrows(ModelException.class,
                () -> GpuSuperResolver.builder().optModel(dir.resolve("none.safetensors").toString()).build());
        assertInstanceOf(IOException.class, missing.getCause());
        Path junk = Files.write(dir.resolve("junk.safetensors"), new byte[] {1, 2, 3});
        ModelException damaged = assertThrows(ModelException.class, () -> GpuSuperResolver.builder().optModel(junk.toString()).build());
        assertInstanceOf(ModelFormatException.class, damaged.getCause());
        NoSuchDeviceException device = assertThrows(NoSuchDeviceException.class,
                () -> GpuSuperResolver.builder().optDevice("cpu:3").build());
        assertTrue(device.status().isEmpty() && !device.isOutOfMemory());
        // one type catches them all
        for (SuperResolutionException e : List.of(unknown, missing, damaged, device)) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), e.toString());
        }
    }

    @Test
    void tileSidesAreAtLeastSixteenAndAnyLargerSideIsTheWholeImage(@TempDir Path dir) throws IOException {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> GpuSuperResolver.builder().optDevice("cpu").optTileSize(1).build());
        assertTrue(small.getMessage().contains("at least 16"), small.getMessage());
        BufferedImage in = ImageDecoding.read(SAMPLE).image();
        try (GpuSuperResolver whole = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
             GpuSuperResolver huge = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optTileSize(Integer.MAX_VALUE).build()) {
            byte[] expected = PixelConversion.toRgb(whole.upscale(in));
            assertArrayEquals(expected, PixelConversion.toRgb(huge.upscale(in)));
            // once an all-black JPEG or TIFF with exit 0, and a failed PNG: the strip count overflowed to 0
            for (String format : List.of("png", "tif", "bmp")) {
                Path out = dir.resolve("huge-tile." + format);
                huge.upscale(SAMPLE, out);
                assertArrayEquals(expected, PixelConversion.toRgb(ImageDecoding.read(out).image()), format);
            }
            assertEquals(Integer.MAX_VALUE, huge.tileSide(), "kept as asked; each image is cut by the side that fits it");
        }
    }

    @Test
    void jpegOutputsTakeTheQualityAsked(@TempDir Path dir) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> GpuSuperResolver.builder().optQuality(0));
        assertThrows(IllegalArgumentException.class, () -> GpuSuperResolver.builder().optQuality(101));
        long[] sizes = new long[2];
        int[] qualities = {30, 95};
        for (int i = 0; i < 2; i++) {
            try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optQuality(qualities[i]).build()) {
                assertEquals(qualities[i], sr.quality());
                Path out = dir.resolve("q" + qualities[i] + ".jpg");
                sr.upscale(SAMPLE, out);
                sizes[i] = Files.size(out);
                // the lossless formats ignore it: the same PNG at any quality
                sr.upscale(SAMPLE, dir.resolve("q" + qualities[i] + ".png"));
            }
        }
        assertTrue(sizes[0] < sizes[1] / 2, "quality 30 is far smaller than 95: " + sizes[0] + " and " + sizes[1] + " bytes");
        assertArrayEquals(Files.readAllBytes(dir.resolve("q30.png")), Files.readAllBytes(dir.resolve("q95.png")));
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build()) {
            assertEquals(95, sr.quality(), "the default");
        }
    }

    @Test
    void gettersSayWhatTheInstanceRuns() {
        CapturedStderr said = new CapturedStderr();
        try (said; GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optScale(3)
                .optPrecision(Precision.FP16).optMaxInputPixels(1234).build()) {
            said.assertWarned("the CPU path keeps activations in fp32");
            assertEquals("mssn-s", sr.model());
            assertEquals("MSSN-S", sr.variant());
            assertEquals(3, sr.scale());
            assertEquals(Precision.FP32, sr.precision(), "the CPU path stores fp32 whatever was asked");
            assertEquals(1234, sr.maxInputPixels());
            assertTrue(sr.device().startsWith("cpu ("), sr.device());
            assertFalse(sr.selfEnsemble());
        }
    }
}
