package dev.opfunctions.tools.slimmer;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a class file's constant pool the slimmer needs: every UTF-8 entry (class names,
 * descriptors, signatures and string constants all live there) and every method reference. A
 * class can only name another class through this pool, which is what makes a closure over it sound.
 */
record ConstantPool(List<String> utf8, List<MethodRef> methodRefs, List<String> strings) {

    /** A Methodref or InterfaceMethodref: owner in internal form, name and descriptor. */
    record MethodRef(String owner, String name, String descriptor) {}

    static ConstantPool read(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) throw new IllegalArgumentException("not a class file");
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] texts = new String[count];
            int[][] links = new int[count][];
            int[] tags = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1 -> texts[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    } // 8-byte constants take two slots
                    case 7, 8, 16, 19, 20 -> links[i] = new int[] {in.readUnsignedShort()};
                    case 9, 10, 11, 12, 17, 18 -> links[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 15 -> links[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            List<String> utf8 = new ArrayList<>();
            List<String> strings = new ArrayList<>();
            List<MethodRef> methods = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                if (tags[i] == 1) utf8.add(texts[i]);
                if (tags[i] == 8) strings.add(texts[links[i][0]]);
                if (tags[i] == 10 || tags[i] == 11) {
                    String owner = texts[links[links[i][0]][0]];
                    int[] nameAndType = links[links[i][1]];
                    methods.add(new MethodRef(owner, texts[nameAndType[0]], texts[nameAndType[1]]));
                }
            }
            return new ConstantPool(List.copyOf(utf8), List.copyOf(methods), List.copyOf(strings));
        } catch (IOException e) {
            throw new UncheckedIOException("truncated class file", e);
        }
    }
}
