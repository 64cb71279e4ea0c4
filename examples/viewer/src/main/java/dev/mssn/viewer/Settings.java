package dev.mssn.viewer;

import dev.mssn.Precision;

/** What the user chose for an upscale: the builder options of one resolver. */
record Settings(String model, int scale, String device, Precision precision) {}
