package dev.opfunctions.checkout.service;

import java.util.List;

/**
 * One page of a history route: its items, and the opaque cursor that asks for the next page (null
 * when there is none). The cursor means something only to the route that issued it.
 */
public record Listing<T>(List<T> items, String nextCursor) {}
