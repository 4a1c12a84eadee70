package dev.cs231n.pipelines.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (version 1.0) for FLOAT and DOUBLE arrays, in pure Java, so that a damaged file fails
 * with a message instead of reaching a native parser: magic {@code \x93NUMPY}, version bytes {@code 1 0}, a
 * little-endian uint16 header length, an ASCII header {@code {'descr': '<f4'|'<f8', 'fortran_order': False,
 * 'shape': (d0, d1, ...), }} padded with spaces to a multiple of 64 bytes and ending in a newline, then the values
 * little-endian in row-major order. {@code numpy.load} reads what this writes.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=]?)([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @param a a FLOAT or DOUBLE array (any order; written row-major)
     * @return its .npy bytes
     * @throws IllegalArgumentException for other data types
     */
    public static byte[] toBytes(INDArray a) {
        int item = itemSize(a.dataType());
        StringBuilder shape = new StringBuilder();
        for (long d : a.shape()) {
            shape.append(d).append(", ");
        }
        if (a.rank() > 1) {
            shape.setLength(shape.length() - 2);
        } else if (a.rank() == 1) {
            shape.setLength(shape.length() - 1);
        }
        String dict = "{'descr': '<f" + item + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        long n = a.length();
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(padded + n * item)).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        INDArray copy = a.dup('c'); // a fresh array: its buffer holds exactly the values, row-major
        if (item == 4) {
            buf.asFloatBuffer().put(copy.data().asFloat());
        } else {
            buf.asDoubleBuffer().put(copy.data().asDouble());
        }
        return buf.array();
    }

    /**
     * @param bytes .npy content
     * @param where the file (and entry) it came from, for messages
     * @return the array, 'c' order, FLOAT ({@code <f4}) or DOUBLE ({@code <f8})
     * @throws IOException when the bytes are not a version-1 little-endian float .npy of a consistent length
     */
    public static INDArray fromBytes(byte[] bytes, String where) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IOException(where + ": not a .npy array (bad magic)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes[6] != 1) {
            throw new IOException(where + ": .npy version " + bytes[6] + "." + bytes[7] + " is not supported (1.0)");
        }
        int headerLen = Short.toUnsignedInt(buf.getShort(8));
        int dataStart = 10 + headerLen;
        if (dataStart > bytes.length) {
            throw new IOException(where + ": .npy header runs past the end (truncated)");
        }
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(where + ": malformed .npy header: " + header.trim());
        }
        if (d.group(1).equals(">") || !d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8"))
                || f.group(1).equals("True")) {
            throw new IOException(where + ": .npy holds " + d.group() + ", " + f.group() + "; only little-endian "
                    + "float32/float64 in C order is read");
        }
        long[] shape = parseShape(s.group(1), where);
        long n = 1;
        for (long dim : shape) {
            n = Math.multiplyExact(n, dim);
        }
        int item = Integer.parseInt(d.group(3));
        if (bytes.length - dataStart != n * item) {
            throw new IOException(where + ": .npy of shape " + Arrays.toString(shape) + " needs " + n * item
                    + " data bytes, has " + (bytes.length - dataStart) + " (truncated or corrupt)");
        }
        buf.position(dataStart);
        INDArray flat;
        if (item == 4) {
            float[] v = new float[(int) n];
            buf.asFloatBuffer().get(v);
            flat = Nd4j.createFromArray(v);
        } else {
            double[] v = new double[(int) n];
            buf.asDoubleBuffer().get(v);
            flat = Nd4j.createFromArray(v);
        }
        return flat.reshape('c', shape);
    }

    private static long[] parseShape(String text, String where) throws IOException {
        String[] parts = text.split(",");
        long[] shape = new long[parts.length];
        int rank = 0;
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[rank] = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": .npy shape (" + text + ") is not a list of integers");
            }
            if (shape[rank] < 0) {
                throw new IOException(where + ": .npy shape (" + text + ") has a negative size");
            }
            rank++;
        }
        return Arrays.copyOf(shape, rank);
    }

    private static int itemSize(DataType type) {
        return switch (type) {
            case FLOAT -> 4;
            case DOUBLE -> 8;
            default -> throw new IllegalArgumentException(".npy: only FLOAT and DOUBLE arrays are written, got "
                    + type);
        };
    }
}
