package dev.mssn.engine.opencl;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.Precision;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import java.util.ArrayList;
import java.util.List;

/** Runs networks on one OpenCL device; owns the context and every network loaded into it. */
public final class ClBackend implements Backend {

    private final ClContext context;
    private final List<Network> networks = new ArrayList<>();

    public ClBackend(DeviceInfo device) {
        this(device, null);
    }

    /** @param profile where the device times of every kernel and transfer go, or null not to profile */
    public ClBackend(DeviceInfo device, KernelProfile profile) {
        this.context = new ClContext(device, profile);
    }

    @Override
    public int tileSide(ModelSpec spec, Precision precision) {
        DeviceInfo d = context.device();
        return ClTileSizing.choose(spec, precision, d.globalMemBytes(), d.maxAllocBytes());
    }

    @Override
    public String describe() {
        return context.device().describe();
    }

    /** Device buffers currently allocated (weights and activations of all loaded networks). */
    @Override
    public int liveDeviceBuffers() {
        return context.liveBuffers();
    }

    @Override
    public synchronized Network load(MssnParameters parameters, Precision precision) {
        Network n = new ClNetwork(context, parameters, precision);
        networks.add(n);
        return n;
    }

    @Override
    public synchronized void close() {
        networks.forEach(Network::close);
        networks.clear();
        context.close();
    }
}
