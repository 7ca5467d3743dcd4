package dev.opfunctions.openapi;

/** The specs, loaded once per test JVM (loading and compiling is the slow part). */
final class TestSpecs {
    private static OpenApiSpecs specs;

    private TestSpecs() {}

    static synchronized OpenApiSpecs specs() {
        if (specs == null) specs = OpenApiSpecs.fromDirectory(OpenApiSpecs.locate());
        return specs;
    }
}
