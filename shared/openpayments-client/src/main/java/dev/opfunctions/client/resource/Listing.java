package dev.opfunctions.client.resource;

import dev.opfunctions.client.http.ApiRequest;
import dev.opfunctions.client.http.ApiResponse;
import dev.opfunctions.client.model.Page;
import dev.opfunctions.client.token.AccessToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The list endpoints' shared logic: query building, one page, and lazy iteration over all pages. */
final class Listing<T> {

    private final ResourceContext ctx;
    private final String collectionUrl;
    private final String walletAddress;
    private final AccessToken token;
    private final Class<T> itemType;

    Listing(
            ResourceContext ctx,
            String resourceServer,
            String collection,
            String walletAddress,
            AccessToken token,
            Class<T> itemType) {
        this.ctx = ctx;
        this.collectionUrl = ctx.join(resourceServer, "resourceServer", collection);
        this.walletAddress = ctx.target(walletAddress, "walletAddress");
        this.token = token;
        this.itemType = itemType;
    }

    /** {@code GET {collection}?wallet-address=…&first=…&cursor=…} (values encoded as URLSearchParams does). */
    Page<T> page(PageRequest request) {
        StringBuilder url =
                new StringBuilder(collectionUrl).append("?wallet-address=").append(enc(walletAddress));
        if (request.first() != null) url.append("&first=").append(request.first());
        if (request.last() != null) url.append("&last=").append(request.last());
        if (request.cursor() != null) url.append("&cursor=").append(enc(request.cursor()));
        ApiResponse r =
                ctx.http().send(ApiRequest.get(url.toString(), token.value())).expectStatus(200);
        return ResourceContext.decode(r, Page.class, itemType);
    }

    /** Every page, forward: {@code first=pageSize}, then {@code cursor=endCursor} while {@code hasNextPage}. Fetches lazily. */
    Iterator<Page<T>> pages(int pageSize) {
        PageRequest.first(pageSize); // checks the size before anything is sent
        return new Iterator<>() {
            private String cursor;
            private boolean more = true;

            @Override
            public boolean hasNext() {
                return more;
            }

            @Override
            public Page<T> next() {
                if (!more) throw new NoSuchElementException();
                Page<T> p = page(new PageRequest(pageSize, null, cursor));
                more = p.pagination().hasNextPage();
                if (more && p.pagination().endCursor().equals(cursor)) {
                    throw dev.opfunctions.client.OpenPaymentsException.invalidResponse(
                            "GET",
                            collectionUrl,
                            200,
                            "$.pagination.endCursor",
                            "repeats the cursor it was asked for; stopping to avoid an endless loop");
                }
                cursor = p.pagination().endCursor();
                return p;
            }
        };
    }

    Stream<T> all(int pageSize) {
        Iterator<Page<T>> pages = pages(pageSize);
        Stream<Page<T>> s = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
        return s.flatMap(p -> p.result().stream());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
