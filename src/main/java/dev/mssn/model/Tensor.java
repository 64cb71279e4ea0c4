package dev.mssn.model;

import java.util.Arrays;

/** A named float32 tensor, row-major (the last axis varies fastest). */
public record Tensor(String name, int[] shape, float[] data) {

    public Tensor {
        shape = shape.clone();
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " holds " + n + " elements, data has " + data.length);
        }
    }

    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
