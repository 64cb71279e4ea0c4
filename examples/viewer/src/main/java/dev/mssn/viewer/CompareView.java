package dev.mssn.viewer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Cursor;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;

/**
 * Shows "before" (the input enlarged by bicubic interpolation) and "after" (the upscaled
 * result) at one zoom and position: split by a draggable divider, or side by side. Drag to
 * pan, wheel to zoom about the pointer, drag the divider to move it. Before a result exists
 * only "before" shows.
 */
final class CompareView extends JComponent {

    private static final int DIVIDER_SLACK = 6;

    private final ViewState state = new ViewState();
    private BufferedImage before;
    private BufferedImage after;
    private Runnable onChange = () -> { };

    CompareView() {
        setFocusable(true);
        setOpaque(true);
        getAccessibleContext().setAccessibleName("Comparison");
        getAccessibleContext().setAccessibleDescription("Before (bicubic) and after (MSSN); arrows pan, wheel zooms");
        MouseAdapter mouse = new MouseAdapter() {
            private boolean draggingDivider;
            private int lastX;
            private int lastY;

            @Override
            public void mousePressed(MouseEvent e) {
                requestFocusInWindow();
                draggingDivider = after != null && state.grabsDivider(e.getX(), getWidth(), DIVIDER_SLACK);
                lastX = e.getX();
                lastY = e.getY();
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                if (draggingDivider) {
                    state.moveDividerTo(e.getX(), getWidth());
                } else {
                    state.panBy(e.getX() - lastX, e.getY() - lastY);
                }
                lastX = e.getX();
                lastY = e.getY();
                changed();
            }

            @Override
            public void mouseMoved(MouseEvent e) {
                boolean onDivider = after != null && state.grabsDivider(e.getX(), getWidth(), DIVIDER_SLACK);
                setCursor(Cursor.getPredefinedCursor(onDivider ? Cursor.E_RESIZE_CURSOR : Cursor.MOVE_CURSOR));
            }

            @Override
            public void mouseWheelMoved(MouseWheelEvent e) {
                int paneW = state.paneWidth(getWidth());
                double x = paneW > 0 ? e.getX() % paneW : e.getX();
                state.zoomAt(Math.pow(ViewState.ZOOM_STEP, -e.getPreciseWheelRotation()), x, e.getY());
                changed();
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        addMouseWheelListener(mouse);
    }

    ViewState state() {
        return state;
    }

    /** A plain JComponent has no accessible context; screen readers get a canvas with a name. */
    @Override
    public javax.accessibility.AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public javax.accessibility.AccessibleRole getAccessibleRole() {
                    return javax.accessibility.AccessibleRole.CANVAS;
                }
            };
        }
        return accessibleContext;
    }

    BufferedImage before() {
        return before;
    }

    BufferedImage after() {
        return after;
    }

    /** Told after every zoom, pan or divider move (for the status line). */
    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Shows a new pair; {@code after} may be null (no result yet). Fits it when {@code fit}. */
    void show(BufferedImage beforeImage, BufferedImage afterImage, boolean fit) {
        this.before = beforeImage;
        this.after = afterImage;
        if (fit) {
            fit();
        }
        changed();
    }

    void fit() {
        if (before != null) {
            state.fit(before.getWidth(), before.getHeight(), state.paneWidth(getWidth()), getHeight());
        }
        changed();
    }

    void zoomBy(double factor) {
        state.zoomAt(factor, state.paneWidth(getWidth()) / 2.0, getHeight() / 2.0);
        changed();
    }

    void actualSize() {
        state.zoomTo(1, state.paneWidth(getWidth()) / 2.0, getHeight() / 2.0);
        changed();
    }

    void panBy(int dx, int dy) {
        state.panBy(dx, dy);
        changed();
    }

    void toggleLayout() {
        state.toggleLayout();
        fit();
    }

    private void changed() {
        repaint();
        onChange.run();
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(900, 600);
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setColor(Color.DARK_GRAY);
            g.fillRect(0, 0, getWidth(), getHeight());
            if (before == null) {
                paintHint(g, "Open an image (Ctrl+O) or drop one here");
                return;
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, state.showsPixels()
                    ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            if (after == null) {
                paintPane(g, before, new Rectangle(0, 0, getWidth(), getHeight()), 0, "before: bicubic");
            } else if (state.layout() == ViewState.Layout.SPLIT) {
                int x = state.dividerX(getWidth());
                paintPane(g, before, new Rectangle(0, 0, x, getHeight()), 0, "before: bicubic");
                paintPane(g, after, new Rectangle(x, 0, getWidth() - x, getHeight()), 0, "after: MSSN");
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(2));
                g.drawLine(x, 0, x, getHeight());
                int knob = g.getFontMetrics().getHeight();
                g.fillOval(x - knob / 2, getHeight() / 2 - knob / 2, knob, knob);
            } else {
                int paneW = state.paneWidth(getWidth());
                paintPane(g, before, new Rectangle(0, 0, paneW, getHeight()), 0, "before: bicubic");
                paintPane(g, after, new Rectangle(paneW, 0, getWidth() - paneW, getHeight()), paneW, "after: MSSN");
                g.setColor(Color.WHITE);
                g.drawLine(paneW, 0, paneW, getHeight());
            }
        } finally {
            g.dispose();
        }
    }

    /** Draws {@code image} clipped to {@code area}, its pane starting at x = {@code paneX}, with a label in the corner. */
    private void paintPane(Graphics2D g, BufferedImage image, Rectangle area, int paneX, String label) {
        if (area.width <= 0) {
            return;
        }
        Graphics2D p = (Graphics2D) g.create();
        try {
            p.clip(area);
            p.translate(paneX + state.offsetX(), state.offsetY());
            p.scale(state.zoom(), state.zoom());
            p.drawImage(image, 0, 0, null);
        } finally {
            p.dispose();
        }
        Font font = g.getFont();
        int pad = g.getFontMetrics(font).getHeight() / 3;
        int textW = g.getFontMetrics(font).stringWidth(label);
        boolean right = label.startsWith("after") && state.layout() == ViewState.Layout.SPLIT;
        int x = right ? area.x + area.width - textW - 3 * pad : area.x + pad;
        if (area.width > textW + 4 * pad) {
            g.setColor(new Color(0, 0, 0, 160));
            g.fillRect(x, pad, textW + 2 * pad, g.getFontMetrics(font).getHeight() + pad);
            g.setColor(Color.WHITE);
            g.drawString(label, x + pad, pad + g.getFontMetrics(font).getAscent() + pad / 2);
        }
    }

    private void paintHint(Graphics2D g, String text) {
        g.setColor(Color.LIGHT_GRAY);
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (getWidth() - w) / 2, getHeight() / 2);
    }
}
