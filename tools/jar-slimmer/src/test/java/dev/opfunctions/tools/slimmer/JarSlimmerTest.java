package dev.opfunctions.tools.slimmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The slimmer on the real DynamoDB client module (~2,500 classes) with a one-class "application"
 * that calls a chosen operation: what the application can reach stays, the rest goes, and the
 * output never names a class it lacks.
 */
class JarSlimmerTest {

    private static final String PREFIX = "software/amazon/awssdk/services/";
    private static final String DDB = PREFIX + "dynamodb/";
    private static final String MODEL = DDB + "model/";

    @Test
    void keepsWhatACalledOperationNeedsAndDropsTheRest() throws IOException {
        Map<String, byte[]> out =
                entries(JarSlimmer.slim(jarWith(call("getItem", "GetItemRequest", "GetItemResponse")), PREFIX)
                        .jar());

        for (String kept : List.of(
                MODEL + "GetItemRequest",
                MODEL + "GetItemResponse",
                MODEL + "AttributeValue",
                DDB + "transform/GetItemRequestMarshaller",
                MODEL + "ConditionalCheckFailedException",
                DDB + "DefaultDynamoDbClient",
                DDB + "endpoints/internal/DefaultDynamoDbEndpointProvider")) {
            assertTrue(out.containsKey(kept + ".class"), kept + " is needed and must stay");
        }
        for (String dropped : List.of(
                MODEL + "CreateBackupRequest",
                DDB + "transform/CreateBackupRequestMarshaller",
                DDB + "DefaultDynamoDbAsyncClient",
                DDB + "paginators/ScanIterable",
                MODEL + "QueryRequest")) {
            assertFalse(out.containsKey(dropped + ".class"), dropped + " is unreachable and must go");
        }
        Set<String> methods = methodNames(out.get(DDB + "DefaultDynamoDbClient.class"));
        assertTrue(methods.contains("getItem"));
        assertTrue(methods.contains("close") && methods.contains("serviceName"), "non-operation methods stay");
        assertFalse(methods.contains("createBackup"));
        assertTrue(out.containsKey("META-INF/MANIFEST.MF"), "resources are copied");
    }

    @Test
    void followsOperationsThroughThePaginatorsTheApplicationUses() throws IOException {
        Map<String, byte[]> out = entries(
                JarSlimmer.slim(jarWith(call("queryPaginator", "QueryRequest", "../paginators/QueryIterable")), PREFIX)
                        .jar());

        assertTrue(out.containsKey(DDB + "paginators/QueryIterable.class"));
        assertTrue(
                out.containsKey(MODEL + "QueryResponse.class"), "the paginator calls query(), so query's model stays");
        assertTrue(methodNames(out.get(DDB + "DefaultDynamoDbClient.class")).contains("query"));
        assertFalse(out.containsKey(MODEL + "GetItemRequest.class"));
    }

    @Test
    void everyKeptClassNamesOnlyClassesThatAreThere() throws IOException {
        byte[] input = jarWith(call("transactWriteItems", "TransactWriteItemsRequest", "TransactWriteItemsResponse"));
        Set<String> before = entries(input).keySet();
        Map<String, byte[]> out = entries(JarSlimmer.slim(input, PREFIX).jar());
        Pattern type = Pattern.compile("L([\\w/$]+)[;<]");
        for (var e : out.entrySet()) {
            if (!e.getKey().startsWith(PREFIX) || !e.getKey().endsWith(".class")) continue;
            boolean dispatch = e.getKey().endsWith("EndpointResolverUtils.class");
            for (String text : ConstantPool.read(e.getValue()).utf8()) {
                Matcher m = type.matcher(text);
                while (m.find()) {
                    String named = m.group(1) + ".class";
                    boolean allowedGap = dispatch && named.contains("/model/") && named.endsWith("Request.class");
                    if (before.contains(named) && !allowedGap) {
                        assertTrue(out.containsKey(named), e.getKey() + " names " + named + ", which was removed");
                    }
                }
            }
        }
    }

    @Test
    void refusesWhenKeptCodeLooksUpARemovedClassByName() throws IOException {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "app/Reflective", null, "java/lang/Object", null);
        MethodVisitor m =
                w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "load", "()Ljava/lang/Class;", null, null);
        m.visitCode();
        m.visitLdcInsn("software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest");
        m.visitMethodInsn(
                Opcodes.INVOKESTATIC, "java/lang/Class", "forName", "(Ljava/lang/String;)Ljava/lang/Class;", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> JarSlimmer.slim(jarWith(w.toByteArray()), PREFIX));
        assertTrue(e.getMessage().contains("CreateBackupRequest"), e.getMessage());
    }

    /** An application class whose one method calls {@code DynamoDbClient.<operation>(request)}. */
    private static byte[] call(String operation, String request, String response) {
        String responseType = response.startsWith("../") ? DDB + response.substring(3) : MODEL + response;
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "app/Main", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(
                Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                "run",
                "(L" + DDB + "DynamoDbClient;L" + MODEL + request + ";)Ljava/lang/Object;",
                null,
                null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitMethodInsn(
                Opcodes.INVOKEINTERFACE,
                DDB + "DynamoDbClient",
                operation,
                "(L" + MODEL + request + ";)L" + responseType + ";",
                true);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    /** The DynamoDB module's jar plus {@code application} and a manifest. */
    private static byte[] jarWith(byte[] application) throws IOException {
        Path ddbJar = Path.of(DynamoDbClient.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes());
            String name = new ClassReader(application).getClassName();
            zip.putNextEntry(new ZipEntry(name + ".class"));
            zip.write(application);
            entries(Files.readAllBytes(ddbJar)).forEach((entry, bytes) -> {
                if (entry.startsWith("META-INF/")) return;
                try {
                    zip.putNextEntry(new ZipEntry(entry));
                    zip.write(bytes);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] jar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        }
        return entries;
    }

    private static Set<String> methodNames(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node.methods.stream().map(m -> m.name).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void countsWhatItKept() throws IOException {
        JarSlimmer.Result result =
                JarSlimmer.slim(jarWith(call("getItem", "GetItemRequest", "GetItemResponse")), PREFIX);
        assertTrue(
                result.keptPrunable() < result.prunableClasses() / 3,
                result.perService().toString());
        assertEquals(Set.of("dynamodb"), result.perService().keySet());
    }
}
