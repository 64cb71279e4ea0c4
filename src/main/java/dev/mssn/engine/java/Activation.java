package dev.mssn.engine.java;

final class Activation {
    private Activation() {}

    static float relu6(float v) {
        return Math.min(Math.max(v, 0f), 6f);
    }
}
