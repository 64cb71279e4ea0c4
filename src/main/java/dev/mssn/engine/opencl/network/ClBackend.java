package dev.mssn.engine.opencl.network;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.engine.opencl.tuning.TuningDatabase;
import dev.mssn.engine.opencl.tuning.TuningEntry;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs networks on one OpenCL device; owns the context and every network loaded into it. The
 * convolutions run on the fast kernels, launched as the device's tuning entry says, unless the
 * backend is made with {@link #exact} (the plain kernels, for checking).
 */
public final class ClBackend implements Backend {

    private final ClContext context;
    private final List<Network> networks = new ArrayList<>();
    private final TuningEntry tuning;

    public ClBackend(DeviceInfo device) {
        this(device, null);
    }

    /** @param profile where the device times of every kernel and transfer go, or null not to profile */
    public ClBackend(DeviceInfo device, KernelProfile profile) {
        this(device, profile, TuningDatabase.load().lookup(device));
    }

    /**
     * @param profile where the device times go, or null not to profile
     * @param tuning how the fast kernels are launched, or null for the exact kernels
     */
    public ClBackend(DeviceInfo device, KernelProfile profile, TuningEntry tuning) {
        this.tuning = tuning;
        this.context = new ClContext(device, profile);
    }

    /** A backend on the exact kernels: slow, but summed as the plain-Java reference sums. */
    public static ClBackend exact(DeviceInfo device) {
        return new ClBackend(device, null, null);
    }

    /** The build options of the network's kernels at {@code precision}: those all share, then each fast kernel's own. */
    public String buildOptions(Storage precision) {
        String all = ClNetwork.baseOptions(precision).compilerOptions();
        if (tuning == null) {
            return all + " (exact kernels)";
        }
        StringBuilder out = new StringBuilder(all);
        for (FastKernel k : FastKernel.values()) {
            LaunchParams p = tuning.params(k);
            if (p != null) {
                out.append("; ").append(k.key()).append(' ').append(k.defines(p));
            }
        }
        return out.toString();
    }

    /** The tuning entry the fast kernels use, or null on the exact kernels. */
    public TuningEntry tuning() {
        return tuning;
    }

    @Override
    public int tileSide(ModelSpec spec, Storage precision) {
        DeviceInfo d = context.device();
        return ClTileSizing.choose(spec, precision, d.globalMemBytes(), d.maxAllocBytes());
    }

    @Override
    public String describe() {
        return context.device().describe() + (tuning == null ? ", exact kernels" : "");
    }

    /** Device buffers currently allocated (weights and activations of all loaded networks). */
    @Override
    public int liveDeviceBuffers() {
        return context.liveBuffers();
    }

    @Override
    public synchronized Network load(MssnParameters parameters, Storage precision) {
        Network n = new ClNetwork(context, parameters, precision, tuning);
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
