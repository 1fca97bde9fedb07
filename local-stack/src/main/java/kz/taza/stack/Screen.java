package kz.taza.stack;

import java.io.PrintStream;
import java.util.List;

/**
 * The terminal the launcher writes to: on a terminal a block of lines is redrawn in place with ANSI escape codes; in
 * plain mode (a log file, a pipe, {@code --plain}) lines are only ever appended.
 */
public final class Screen {

    private static final String ESC = "\u001b[";

    private final PrintStream out;
    private final boolean ansi;
    private int blockHeight;
    private boolean frozen;

    public Screen(PrintStream out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    public boolean ansi() {
        return ansi;
    }

    /** A line that stays (ends any block being redrawn). */
    public synchronized void println(String line) {
        blockHeight = 0;
        out.println(line);
        out.flush();
    }

    /**
     * Replaces the block of lines drawn by the previous call with these (ANSI mode only): the cursor moves up over the
     * old block and each line is rewritten and cleared to its end.
     */
    public synchronized void redraw(List<String> lines) {
        if (frozen) {
            return;
        }
        StringBuilder b = new StringBuilder();
        if (blockHeight > 0) {
            b.append(ESC).append(blockHeight).append('A').append('\r');
        }
        for (String line : lines) {
            b.append(line).append(ESC).append('K').append('\n');
        }
        b.append(ESC).append('J'); // clear anything left below from a taller previous block
        out.print(b);
        out.flush();
        blockHeight = lines.size();
    }

    /** Starts a full-screen view: clears the screen and hides the cursor. */
    public synchronized void enterFullScreen() {
        if (ansi) {
            out.print(ESC + "2J" + ESC + "H" + ESC + "?25l");
            out.flush();
            blockHeight = 0;
        }
    }

    /** Draws a full-screen view from the top left. */
    public synchronized void drawFullScreen(List<String> lines) {
        if (frozen) {
            return;
        }
        StringBuilder b = new StringBuilder(ESC + "H");
        for (String line : lines) {
            b.append(line).append(ESC).append('K').append('\n');
        }
        b.append(ESC).append('J');
        out.print(b);
        out.flush();
    }

    /**
     * Shows the cursor again and stops all redrawing, so that the messages of a shutdown are not overdrawn by a last
     * refresh of the view; safe to call in any mode.
     */
    public synchronized void restore() {
        frozen = true;
        if (ansi) {
            out.print(ESC + "?25h");
            out.flush();
        }
    }

    public static String bold(String text, boolean ansi) {
        return ansi ? ESC + "1m" + text + ESC + "0m" : text;
    }
}
