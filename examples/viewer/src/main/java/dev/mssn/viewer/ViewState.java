package dev.mssn.viewer;

/**
 * Where the compared images sit in the view: zoom (view pixels per image pixel), the view
 * position of the image's top-left corner, the split divider and the layout. Pure arithmetic,
 * so that the interface's behaviour is tested without a screen. In side-by-side mode each half
 * of the view is a pane with the same zoom and offset, so the two images move together.
 */
final class ViewState {

    enum Layout { SPLIT, SIDE_BY_SIDE }

    static final double MIN_ZOOM = 1 / 16.0;
    static final double MAX_ZOOM = 32;
    static final double ZOOM_STEP = 1.25;

    private double zoom = 1;
    private double offsetX;
    private double offsetY;
    private double divider = 0.5;
    private Layout layout = Layout.SPLIT;

    double zoom() {
        return zoom;
    }

    double offsetX() {
        return offsetX;
    }

    double offsetY() {
        return offsetY;
    }

    Layout layout() {
        return layout;
    }

    void toggleLayout() {
        layout = layout == Layout.SPLIT ? Layout.SIDE_BY_SIDE : Layout.SPLIT;
    }

    /** Past 100 % every image pixel is drawn as a block, so that pixels show; below it, smoothly. */
    boolean showsPixels() {
        return zoom > 1;
    }

    /** Multiplies the zoom by {@code factor}, keeping the image point under (viewX, viewY) where it is. */
    void zoomAt(double factor, double viewX, double viewY) {
        double next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom * factor));
        double atX = imageX(viewX);
        double atY = imageY(viewY);
        zoom = next;
        offsetX = viewX - atX * zoom;
        offsetY = viewY - atY * zoom;
    }

    /** Zoom to {@code target} about a point (100 %: target 1). */
    void zoomTo(double target, double viewX, double viewY) {
        zoomAt(target / zoom, viewX, viewY);
    }

    void panBy(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
    }

    /** The whole image in a pane of {@code paneW x paneH}, centred, never larger than 100 %. */
    void fit(int imageW, int imageH, int paneW, int paneH) {
        if (imageW <= 0 || imageH <= 0 || paneW <= 0 || paneH <= 0) {
            return;
        }
        zoom = Math.max(MIN_ZOOM, Math.min(1, Math.min((double) paneW / imageW, (double) paneH / imageH)));
        offsetX = (paneW - imageW * zoom) / 2;
        offsetY = (paneH - imageH * zoom) / 2;
    }

    /** The pane width for a view of {@code viewW}: all of it when split, half side by side. */
    int paneWidth(int viewW) {
        return layout == Layout.SPLIT ? viewW : viewW / 2;
    }

    /** The image x under a pane x. */
    double imageX(double paneX) {
        return (paneX - offsetX) / zoom;
    }

    double imageY(double paneY) {
        return (paneY - offsetY) / zoom;
    }

    /** The divider as a fraction of the view width (split layout): left of it "before", right "after". */
    double divider() {
        return divider;
    }

    int dividerX(int viewW) {
        return (int) Math.round(divider * viewW);
    }

    void moveDividerTo(double viewX, int viewW) {
        if (viewW > 0) {
            divider = Math.max(0, Math.min(1, viewX / viewW));
        }
    }

    /** Whether a press at {@code viewX} grabs the divider (within {@code slack} pixels, split layout only). */
    boolean grabsDivider(double viewX, int viewW, int slack) {
        return layout == Layout.SPLIT && Math.abs(viewX - dividerX(viewW)) <= slack;
    }

    /** The zoom as people read it: "100 %", "250 %", "12.5 %". */
    String zoomPercent() {
        double percent = zoom * 100;
        return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format(java.util.Locale.ROOT, "%.1f", percent))
                + " %";
    }
}
