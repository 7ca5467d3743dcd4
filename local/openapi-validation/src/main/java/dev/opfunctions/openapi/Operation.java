package dev.opfunctions.openapi;

/**
 * An operation of a spec, found from a method and a path.
 *
 * @param method       upper-case HTTP method
 * @param pathTemplate the spec's path key, e.g. {@code /incoming-payments/{id}}
 * @param operationId  the spec's operationId, or {@code null} when it has none
 * @param pointer      JSON pointer of the operation object inside the spec document
 */
public record Operation(String method, String pathTemplate, String operationId, String pointer) {}
