package dev.mssn.engine.opencl.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.testutil.Requires;
import java.util.ArrayList;
import java.util.List;

/** A context on the test OpenCL device and the buffers kernel tests make in it; closing releases them and checks that none leaked. */
final class KernelTestContext implements AutoCloseable {

    final ClContext ctx = new ClContext(Requires.openCl());
    private final List<ClBuffer> buffers = new ArrayList<>();

    ClBuffer upload(float[] data) {
        ClBuffer b = empty(4L * Math.max(1, data.length));
        b.write(data);
        return b;
    }

    ClBuffer upload(byte[] data) {
        ClBuffer b = empty(Math.max(4, data.length));
        b.write(data);
        return b;
    }

    ClBuffer empty(long bytes) {
        ClBuffer b = ctx.allocate(bytes, "test");
        buffers.add(b);
        return b;
    }

    @Override
    public void close() {
        buffers.forEach(ClBuffer::close);
        buffers.clear();
        assertEquals(0, ctx.liveBuffers(), "every test buffer released");
        ctx.close();
    }
}
