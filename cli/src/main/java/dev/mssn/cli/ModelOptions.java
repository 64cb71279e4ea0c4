package dev.mssn.cli;

import dev.mssn.model.io.Models;
import picocli.CommandLine.Option;

/** The model and device options that the commands running a network share. */
final class ModelOptions {

    @Option(names = {"-m", "--model"}, defaultValue = Models.DEFAULT,
            description = "embedded name (mssn-m, mssn-s) or a .safetensors / .pt file; eval also takes 'bicubic' (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = {"-d", "--device"}, defaultValue = "auto", description = "auto, cpu, reference (the slow plain-Java oracle), opencl, opencl:N or a device name fragment such as nvidia (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = {"-p", "--precision"}, defaultValue = "fp32",
            description = "activation storage on OpenCL devices: fp32 or fp16 (arithmetic is fp32 either way; default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--tta", description = "self-ensemble: upscale the eight flips and transposes, average before rounding"
            + " (about +0.1 dB, eight times the work)")
    boolean tta;

    /** The network as the commands run it: itself, or wrapped for self-ensemble with --tta. */
    dev.mssn.engine.Network maybeSelfEnsemble(dev.mssn.engine.Network net) {
        return tta ? new dev.mssn.engine.SelfEnsemble(net) : net;
    }
}
