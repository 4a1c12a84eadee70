package dev.cs231n.m21;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineFilterOutputStreamTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final PrintStream ps = new PrintStream(new LineFilterOutputStream(sink,
            LineFilterOutputStream.SAMEDIFF_GRADIENT_LINES, StandardCharsets.UTF_8), true, StandardCharsets.UTF_8);

    private String seen() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsSameDiffsLinesAndKeepsTheRest() {
        ps.println("epoch 1: loss 1.49");
        ps.println("Added differentiated op multiply_2");
        ps.print("Added differentiated op ");
        ps.println("reduce_mean");
        ps.println("  Added differentiated op (indented: not SameDiff's, kept)");
        ps.println("Added differ… and more: kept, it is not the prefix");
        assertEquals("epoch 1: loss 1.49\n  Added differentiated op (indented: not SameDiff's, kept)\n"
                + "Added differ… and more: kept, it is not the prefix\n", seen());
    }

    @Test
    void partialLinesAreForwardedOnFlushUnlessTheyMayStillBeDropped() {
        ps.print("progress 10%");
        ps.flush();
        assertEquals("progress 10%", seen());
        ps.print("\nAdded diff");
        ps.flush();
        assertEquals("progress 10%\n", seen(), "a beginning of the prefix waits for the rest of its line");
        ps.print("erentiated op x\nok\n");
        assertEquals("progress 10%\nok\n", seen());
    }

    @Test
    void closeKeepsAnUnfinishedLineAndAnEmptyPrefixIsRefused() {
        ps.print("Added diff");
        ps.close();
        assertEquals("Added diff", seen());
        assertThrows(IllegalArgumentException.class,
                () -> new LineFilterOutputStream(sink, "", StandardCharsets.UTF_8));
    }
}
