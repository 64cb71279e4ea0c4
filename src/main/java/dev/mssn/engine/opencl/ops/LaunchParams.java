package dev.mssn.engine.opencl.ops;

/**
 * How one fast kernel is launched on a device: {@code vw} consecutive pixels per work item (the
 * vector width, 1 to 16), {@code perItem} output channels per register block (the depthwise
 * kernel has one), {@code blocks} register blocks each item computes in turn (0: all of a
 * layer's outputs; only the 1x1 convolutions take more than one), and {@code localX} work items
 * per group along dimension 0.
 */
public record LaunchParams(int vw, int perItem, int blocks, int localX) {

    public LaunchParams {
        if (vw != 1 && vw != 2 && vw != 4 && vw != 8 && vw != 16) {
            throw new IllegalArgumentException("vector width must be 1, 2, 4, 8 or 16, got " + vw);
        }
        if (perItem < 1 || perItem > 32) {
            throw new IllegalArgumentException("outputs per item must be 1..32, got " + perItem);
        }
        if (blocks < 0 || blocks > 64) {
            throw new IllegalArgumentException("blocks per item must be 0 (all) or 1..64, got " + blocks);
        }
        if (localX < 1 || localX > 1024 || Integer.bitCount(localX) != 1) {
            throw new IllegalArgumentException("local size must be a power of two in 1..1024, got " + localX);
        }
    }

    @Override
    public String toString() {
        return "vw=" + vw + " per-item=" + perItem + " blocks=" + (blocks == 0 ? "all" : blocks) + " local=" + localX;
    }
}
