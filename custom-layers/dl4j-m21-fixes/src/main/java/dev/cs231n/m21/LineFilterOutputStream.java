package dev.cs231n.m21;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * An output stream that passes everything through except whole lines beginning with a given prefix. The jobs put
 * it in front of {@code System.out} to drop DL4J 1.0.0-M2.1's {@code Added differentiated op ...} lines, which
 * SameDiff prints to standard output each time it builds a layer's gradient function (44 lines at the start of
 * a {@code cnn} run, thousands in {@code bn-weight-scale}). Text that cannot (any longer) start such a line is
 * forwarded on every flush, so prompts and progress output are not held back.
 */
public final class LineFilterOutputStream extends OutputStream {

    /** The prefix of SameDiff's gradient-function lines. */
    public static final String SAMEDIFF_GRADIENT_LINES = "Added differentiated op ";

    private final OutputStream out;
    private final byte[] prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * @param out     where the remaining output goes
     * @param prefix  lines beginning with it are dropped
     * @param charset the encoding of the text written
     */
    public LineFilterOutputStream(OutputStream out, String prefix, Charset charset) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("an empty prefix would drop every line");
        }
        this.out = out;
        this.prefix = prefix.getBytes(charset);
    }

    /**
     * Replaces {@code System.out} with a filtered copy of itself.
     *
     * @param prefix lines beginning with it are dropped from standard output
     * @return the new {@code System.out}
     */
    public static PrintStream filterSystemOut(String prefix) {
        PrintStream original = System.out;
        String encoding = System.getProperty("sun.stdout.encoding"); // how Java 17 chooses System.out's charset
        Charset cs = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
        PrintStream filtered = new PrintStream(new LineFilterOutputStream(original, prefix, cs), true, cs);
        System.setOut(filtered);
        return filtered;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (line.size() > 0 && !mayStillBeDropped()) {
            line.writeTo(out);
            line.reset();
        }
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        line.writeTo(out); // an unfinished line is kept, whatever it starts with
        line.reset();
        out.close();
    }

    private void endLine() throws IOException {
        if (!startsWithPrefix()) {
            line.writeTo(out);
        }
        line.reset();
    }

    /** Whether the buffered text begins with the prefix, or is a beginning of it. */
    private boolean mayStillBeDropped() {
        byte[] b = line.toByteArray();
        int n = Math.min(b.length, prefix.length);
        return Arrays.equals(b, 0, n, prefix, 0, n);
    }

    private boolean startsWithPrefix() {
        return line.size() >= prefix.length && mayStillBeDropped();
    }
}
