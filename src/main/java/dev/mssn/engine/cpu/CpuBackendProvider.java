package dev.mssn.engine.cpu;

import dev.mssn.engine.Backend;
import dev.mssn.engine.BackendProvider;
import java.util.List;
import java.util.Set;

/** The fast CPU path: one device, "cpu" (or "java"), always there. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("java");
    }

    @Override
    public Offers devices(Settings settings) {
        return Offers.of(List.of(new Offer("cpu", CpuBackend.describeDefault(), false, Offer.CPU_PATH)));
    }

    @Override
    public Backend open(String spec, Settings settings) {
        if (!spec.equals("cpu") && !spec.equals("java")) {
            throw new IllegalArgumentException("device '" + spec + "': the CPU path is one device, cpu");
        }
        return new CpuBackend();
    }
}
