package dev.mssn.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the device a spec names, over every {@link BackendProvider} on the class path. Specs:
 * {@code auto} (the highest-ranked device any provider offers: a GPU or accelerator, else the
 * fast CPU path), a provider's name or alias ({@code cpu}, {@code reference}, {@code opencl}),
 * {@code name:N} ({@code opencl:1}), or a fragment of a device's name that a provider resolves
 * ({@code nvidia}, or a bare device number).
 */
public final class Backends {

    private static final Logger log = LoggerFactory.getLogger(Backends.class);
    private static final List<BackendProvider> PROVIDERS = load();

    private Backends() {}

    private static List<BackendProvider> load() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing(BackendProvider::name));
        if (found.isEmpty()) {
            throw new IllegalStateException("no backend providers found: META-INF/services/" + BackendProvider.class.getName()
                    + " is missing from the class path (a jar merged without its service files?)");
        }
        return List.copyOf(found);
    }

    /** Every provider, in name order. */
    public static List<BackendProvider> providers() {
        return PROVIDERS;
    }

    /** The provider called {@code name}; an error naming those there are when none is. */
    public static BackendProvider provider(String name) {
        return PROVIDERS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no backend '" + name + "'; there are " + PROVIDERS.stream().map(BackendProvider::name).toList()));
    }

    /** Opens {@code deviceSpec} with the default settings. */
    public static Backend open(String deviceSpec) {
        return open(deviceSpec, BackendProvider.Settings.DEFAULT);
    }

    public static Backend open(String deviceSpec, BackendProvider.Settings settings) {
        PROVIDERS.forEach(p -> p.check(settings));
        String spec = deviceSpec.trim().toLowerCase(Locale.ROOT);
        if (spec.isEmpty() || spec.endsWith(":")) {
            throw new IllegalArgumentException("device '" + deviceSpec + "': empty; use auto, cpu, opencl, opencl:N or a name fragment");
        }
        if (spec.equals("auto")) {
            return openAuto(settings);
        }
        return owner(spec, deviceSpec).open(spec, settings);
    }

    private static BackendProvider owner(String spec, String asGiven) {
        String family = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        for (BackendProvider p : PROVIDERS) {
            if (p.name().equals(family) || p.aliases().contains(spec)) {
                return p;
            }
        }
        return PROVIDERS.stream().filter(BackendProvider::resolvesNameFragments).findFirst().orElseThrow(() ->
                new IllegalArgumentException("device '" + asGiven + "': no backend is called that; use auto or one of "
                        + PROVIDERS.stream().map(BackendProvider::name).toList()));
    }

    /** The highest-ranked device any provider offers, and its provider; logs why a provider offers none when asked to. */
    private record Choice(BackendProvider provider, BackendProvider.Offer offer) {}

    private static Choice chooseAuto(BackendProvider.Settings settings, boolean explain) {
        Choice best = null;
        List<String> problems = new ArrayList<>();
        for (BackendProvider p : PROVIDERS) {
            BackendProvider.Offers offers = p.devices(settings);
            if (offers.devices().isEmpty() && offers.problem() != null) {
                problems.add("no " + p.name() + " device: " + offers.problem());
            }
            for (BackendProvider.Offer o : offers.devices()) {
                if (o.rank() > BackendProvider.Offer.NEVER && (best == null || o.rank() > best.offer().rank())) {
                    best = new Choice(p, o);
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("auto: no backend offers a device (" + String.join("; ", problems) + ")");
        }
        if (explain && !best.offer().accelerator()) {
            log.info("auto: running on {}{}", best.offer().description(), problems.isEmpty()
                    ? " (no accelerator found; a processor behind another runtime, such as OpenCL on the CPU, ranks below it)"
                    : " (" + String.join("; ", problems) + ")");
        }
        return best;
    }

    private static Backend openAuto(BackendProvider.Settings settings) {
        Choice choice = chooseAuto(settings, true);
        return choice.provider().open(choice.offer().id(), settings);
    }

    /** The device {@code auto} would open, without opening it. */
    public static BackendProvider.Offer autoChoice(BackendProvider.Settings settings) {
        return chooseAuto(settings, false).offer();
    }

    /** The devices of every listed provider, providers in name order, each provider's best first. */
    public static List<BackendProvider.Offer> available(BackendProvider.Settings settings) {
        List<BackendProvider.Offer> out = new ArrayList<>();
        for (BackendProvider p : PROVIDERS) {
            if (p.listed()) {
                out.addAll(p.devices(settings).devices());
            }
        }
        return List.copyOf(out);
    }
}
