package dev.mssn.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewStateTest {

    private static final double EPS = 1e-9;

    @Test
    void zoomKeepsThePointUnderThePointerInPlace() {
        ViewState s = new ViewState();
        s.panBy(-37, 12);
        double ix = s.imageX(300);
        double iy = s.imageY(200);
        s.zoomAt(2.5, 300, 200);
        assertEquals(2.5, s.zoom(), EPS);
        assertEquals(ix, s.imageX(300), EPS);
        assertEquals(iy, s.imageY(200), EPS);
        s.zoomAt(1 / 7.0, 300, 200);
        assertEquals(ix, s.imageX(300), EPS);
    }

    @Test
    void zoomStaysWithinItsLimits() {
        ViewState s = new ViewState();
        for (int i = 0; i < 100; i++) {
            s.zoomAt(2, 0, 0);
        }
        assertEquals(ViewState.MAX_ZOOM, s.zoom(), EPS);
        for (int i = 0; i < 100; i++) {
            s.zoomAt(0.5, 0, 0);
        }
        assertEquals(ViewState.MIN_ZOOM, s.zoom(), EPS);
    }

    @Test
    void pixelsShowOnlyPast100Percent() {
        ViewState s = new ViewState();
        assertFalse(s.showsPixels());
        s.zoomAt(ViewState.ZOOM_STEP, 0, 0);
        assertTrue(s.showsPixels());
        s.zoomTo(1, 50, 50);
        assertFalse(s.showsPixels());
        assertEquals("100 %", s.zoomPercent());
        s.zoomTo(0.125, 0, 0);
        assertEquals("12.5 %", s.zoomPercent());
    }

    @Test
    void fitCentresTheWholeImageAndNeverEnlarges() {
        ViewState s = new ViewState();
        s.fit(800, 400, 400, 400);
        assertEquals(0.5, s.zoom(), EPS);
        assertEquals(0, s.offsetX(), EPS);
        assertEquals(100, s.offsetY(), EPS, "400x200 centred in 400x400");
        s.fit(100, 50, 1000, 1000);
        assertEquals(1, s.zoom(), EPS, "small images stay at 100 %");
        assertEquals(450, s.offsetX(), EPS);
    }

    @Test
    void panMovesTheImageWithThePointer() {
        ViewState s = new ViewState();
        s.zoomTo(4, 0, 0);
        double before = s.imageX(100);
        s.panBy(40, 0);
        assertEquals(before - 10, s.imageX(100), EPS, "40 view pixels are 10 image pixels at 400 %");
    }

    @Test
    void theDividerFollowsThePointerWithinTheView() {
        ViewState s = new ViewState();
        assertEquals(500, s.dividerX(1000));
        assertTrue(s.grabsDivider(504, 1000, 6));
        assertFalse(s.grabsDivider(520, 1000, 6));
        s.moveDividerTo(250, 1000);
        assertEquals(250, s.dividerX(1000));
        assertEquals(0.25, s.divider(), EPS);
        s.moveDividerTo(-50, 1000);
        assertEquals(0, s.dividerX(1000));
        s.moveDividerTo(5000, 1000);
        assertEquals(1000, s.dividerX(1000));
    }

    @Test
    void sideBySideHalvesThePanesAndHasNoDivider() {
        ViewState s = new ViewState();
        assertEquals(1000, s.paneWidth(1000));
        s.toggleLayout();
        assertEquals(ViewState.Layout.SIDE_BY_SIDE, s.layout());
        assertEquals(500, s.paneWidth(1000));
        assertFalse(s.grabsDivider(500, 1000, 6));
        s.toggleLayout();
        assertEquals(ViewState.Layout.SPLIT, s.layout());
    }
}
