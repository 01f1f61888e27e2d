package org.mtl4j.persist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0) for float32 arrays in C order: what {@code
 * numpy.load} and {@code torch.from_numpy} read. A saved model is a zip of such files plus its
 * manifest, so {@code numpy.load("model.mtl4j")} opens it as an {@code .npz} archive.
 *
 * <p>Example: {@code Npy.read(Npy.write(values, new long[] {2, 3}))} gives the values and shape.
 */
final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '([^']*)', 'fortran_order': (True|False), 'shape': \\(([0-9, ]*)\\), \\}"
                    + " *\n");

    /** A float32 array and its shape. */
    record Array(float[] values, long[] shape) {}

    private Npy() {}

    /** The {@code .npy} bytes of {@code values} with {@code shape}. */
    static byte[] write(float[] values, long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? shape[0] + "," : shape.length == 0 ? ""
                : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + tuple + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + header.length()
                + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.US_ASCII));
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /**
     * Reads a float32 C-order {@code .npy}.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    static Array read(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (!buffer.hasRemaining() || buffer.get() != b) {
                throw new IllegalArgumentException("not a .npy array (no \\x93NUMPY magic)");
            }
        }
        if (buffer.remaining() < 4 || buffer.get() != 1 || buffer.get() != 0) {
            throw new IllegalArgumentException("not a version 1.0 .npy array");
        }
        int length = Short.toUnsignedInt(buffer.getShort());
        if (buffer.remaining() < length) {
            throw new IllegalArgumentException("the .npy header is cut short");
        }
        byte[] headerBytes = new byte[length];
        buffer.get(headerBytes);
        Matcher header = HEADER.matcher(new String(headerBytes, StandardCharsets.US_ASCII));
        if (!header.matches() || !header.group(1).equals("<f4")
                || header.group(2).equals("True")) {
            throw new IllegalArgumentException("expected a little-endian float32 array in C"
                    + " order, found header " + new String(headerBytes, StandardCharsets.US_ASCII)
                    .trim());
        }
        List<Long> dims = new ArrayList<>();
        long size = 1;
        for (String dim : header.group(3).split(",")) {
            if (!dim.isBlank()) {
                dims.add(Long.parseLong(dim.trim()));
                size = Math.multiplyExact(size, dims.get(dims.size() - 1));
            }
        }
        if (buffer.remaining() != 4 * size) {
            throw new IllegalArgumentException("the .npy data has " + buffer.remaining()
                    + " bytes where its shape " + dims + " needs " + 4 * size);
        }
        float[] values = new float[(int) size];
        buffer.asFloatBuffer().get(values);
        return new Array(values, dims.stream().mapToLong(Long::longValue).toArray());
    }
}
