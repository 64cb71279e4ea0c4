package dev.mssn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.java.JavaBackend;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Variant;
import dev.mssn.testutil.CapturedStderr;
import dev.mssn.testutil.RandomModels;
import dev.mssn.testutil.SeededRandom;
import dev.mssn.testutil.Tolerance;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend promises, run once per provider by a subclass: it is found by the service
 * loader, offers devices that open by their ids, refuses a device it does not have by name,
 * runs a network within a level of the plain-Java reference at both storage precisions and
 * both sample depths, stops part way through a tile when asked, sizes tiles, and frees its
 * device memory when closed.
 */
public abstract class BackendContract {

    private static final MssnParameters MODEL = MssnParameters.of(RandomModels.weights(ModelSpec.of(Variant.MSSN_S, 2), 17));

    /** The provider under test, as the subclass makes it. */
    protected abstract BackendProvider provider();

    /** Called first: a subclass whose backend needs hardware skips or fails here when it is missing. */
    protected void requireDevice() {}

    /** Whether fp16 storage is honoured (and so may differ from the reference by more than fp32 does). */
    protected boolean storesHalves() {
        return false;
    }

    @BeforeEach
    void device() {
        requireDevice();
    }

    @Test
    void theServiceLoaderFindsItByName() {
        BackendProvider p = provider();
        assertTrue(p.name().matches("[a-z][a-z0-9-]*"), "a lower-case name: " + p.name());
        assertInstanceOf(p.getClass(), Backends.provider(p.name()));
    }

    @Test
    void itsOffersOpenByTheirIds() {
        BackendProvider p = provider();
        BackendProvider.Offers offers = p.devices(BackendProvider.Settings.DEFAULT);
        assertFalse(offers.devices().isEmpty(), "no device: " + offers.problem());
        assertNull(offers.problem(), "a problem beside devices");
        for (BackendProvider.Offer o : offers.devices()) {
            assertTrue(o.id().equals(p.name()) || o.id().startsWith(p.name() + ":"), o.id() + " is not named after " + p.name());
            assertFalse(o.description().isBlank());
            try (Backend b = p.open(o.id(), BackendProvider.Settings.DEFAULT)) {
                assertFalse(b.describe().isBlank());
            }
        }
        assertEquals(p.listed(), Backends.available(BackendProvider.Settings.DEFAULT).containsAll(offers.devices()),
                "listed exactly when the provider says so");
    }

    @Test
    void aDeviceItDoesNotHaveIsRefusedByName() {
        BackendProvider p = provider();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.open(p.name() + ":99", BackendProvider.Settings.DEFAULT).close());
        assertTrue(e.getMessage().contains(p.name() + ":99"), e.getMessage());
    }

    @Test
    void itRunsTheNetworkWithinALevelOfTheReference() {
        BackendProvider p = provider();
        String id = p.devices(BackendProvider.Settings.DEFAULT).devices().get(0).id();
        for (SampleDepth depth : SampleDepth.values()) {
            RgbImage lr = new RgbImage(13, 9, new SeededRandom(depth.bytes()).bytes(13 * 9 * 3 * depth.bytes()), depth);
            RgbImage expected;
            try (JavaBackend reference = new JavaBackend(2); Network n = reference.load(MODEL)) {
                expected = n.upscale(lr);
            }
            for (Storage storage : List.of(Storage.FP32, Storage.FP16)) {
                CapturedStderr said = new CapturedStderr(); // a backend that keeps fp32 says so when asked for fp16
                try (said; Backend b = p.open(id, BackendProvider.Settings.DEFAULT); Network n = b.load(MODEL, storage)) {
                    if (storage == Storage.FP16 && !storesHalves()) {
                        said.assertWarned("keeps activations in fp32; FP16 storage applies to OpenCL devices only");
                    }
                    RgbImage actual = n.upscale(lr);
                    assertEquals(26, actual.width());
                    assertEquals(18, actual.height());
                    assertEquals(depth, actual.depth());
                    String what = p.name() + " " + depth + " " + storage;
                    if (storage == Storage.FP32 || !storesHalves()) {
                        Tolerance.assertSamples(expected, actual, what);
                    } else {
                        assertTrue(maxLevels(expected, actual) <= (depth == SampleDepth.BITS_8 ? 3 : 3 * 257), what);
                    }
                }
            }
        }
    }

    /** Whether the stop signal is asked within a tile's work; the plain reference asks only before it. */
    protected boolean stopsWithinATile() {
        return true;
    }

    @Test
    void aStopSignalEndsATilePartWayAndTheNetworkStaysUsable() {
        BackendProvider p = provider();
        String id = p.devices(BackendProvider.Settings.DEFAULT).devices().get(0).id();
        RgbImage lr = new RgbImage(48, 40, new SeededRandom(48).bytes(48 * 40 * 3), SampleDepth.BITS_8);
        try (Backend b = p.open(id, BackendProvider.Settings.DEFAULT); Network n = b.load(MODEL)) {
            RgbImage expected = n.upscale(lr);
            AtomicInteger asks = new AtomicInteger();
            assertArrayEquals(expected.rgb(), n.upscale(lr, () -> asks.incrementAndGet() < 0).rgb(), "asking changes nothing");
            int perTile = asks.get();
            if (!stopsWithinATile()) {
                assertEquals(1, perTile, "asked before the tile");
                return;
            }
            assertTrue(perTile >= 3, "asked within the tile: " + perTile + " times");
            int stopAt = perTile / 2;
            AtomicInteger asked = new AtomicInteger();
            assertThrows(CancellationException.class, () -> n.upscale(lr, () -> asked.incrementAndGet() >= stopAt));
            assertTrue(asked.get() < perTile, "stopped part way: asked " + asked.get() + " of " + perTile + " times");
            AtomicInteger submitted = new AtomicInteger();
            assertThrows(CancellationException.class, () -> n.submit(lr, () -> submitted.incrementAndGet() >= stopAt).await());
            assertArrayEquals(expected.rgb(), n.upscale(lr).rgb(), "usable afterwards, with the same result");
            Network.Pending first = n.submit(lr);
            Network.Pending second = n.submit(lr);
            assertArrayEquals(expected.rgb(), first.await().rgb(), "no tile left in flight by the stops");
            assertArrayEquals(expected.rgb(), second.await().rgb());
        }
    }

    @Test
    void itSizesTilesAndFreesItsMemoryWhenClosed() {
        BackendProvider p = provider();
        String id = p.devices(BackendProvider.Settings.DEFAULT).devices().get(0).id();
        Backend b = p.open(id, BackendProvider.Settings.DEFAULT);
        try (Network n = b.load(MODEL)) {
            int side = b.tileSide(MODEL.spec(), Storage.FP32);
            assertTrue(side >= 16 && side <= 4096, "tile side " + side);
            n.upscale(new RgbImage(4, 3, new byte[36], SampleDepth.BITS_8));
        }
        b.close();
        assertEquals(0, b.liveDeviceBuffers(), "device buffers left after close");
    }

    private static int maxLevels(RgbImage expected, RgbImage actual) {
        int worst = 0;
        byte[] a = expected.rgb();
        byte[] b = actual.rgb();
        int bytes = expected.depth().bytes();
        for (int i = 0; i < a.length; i += bytes) {
            int x = bytes == 1 ? a[i] & 0xff : (a[i] & 0xff) | (a[i + 1] & 0xff) << 8;
            int y = bytes == 1 ? b[i] & 0xff : (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
            worst = Math.max(worst, Math.abs(x - y));
        }
        return worst;
    }
}
