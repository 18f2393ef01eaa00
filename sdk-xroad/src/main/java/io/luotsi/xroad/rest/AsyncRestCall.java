package io.luotsi.xroad.rest;

import io.luotsi.core.json.TypeRef;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadMetadata;
import io.luotsi.xroad.internal.ClientRuntime;
import java.util.concurrent.CompletableFuture;

/**
 * One asynchronous REST call, the twin of {@link RestCall}: the futures complete on OkHttp's dispatcher threads, with
 * the result or with the same unchecked exceptions the synchronous call throws.
 *
 * <pre>{@code
 * asyncClient.rest(persons).get("/persons/{id}", id).execute(Person.class)
 *     .thenAccept(r -> show(r.body()));
 * }</pre>
 */
public final class AsyncRestCall extends AbstractRestCall<AsyncRestCall> {

    AsyncRestCall(ClientRuntime runtime, ServiceId service, String method, String pathAndQuery) {
        super(runtime, service, method, pathAndQuery);
    }

    public <T> CompletableFuture<RestResponse<T>> execute(Class<T> type) {
        return runtime.pipeline().executeAsync(prepare(RestCall.expectsJson(type)))
                .thenApply(response -> RestBodies.read(recordEvidence(response), type, runtime));
    }

    public <T> CompletableFuture<RestResponse<T>> execute(TypeRef<T> type) {
        return runtime.pipeline().executeAsync(prepare(true))
                .thenApply(response -> RestBodies.read(recordEvidence(response), type.type(), runtime));
    }

    public CompletableFuture<RestResponse<Void>> execute() {
        return execute(Void.class);
    }

    public CompletableFuture<RestStreamResponse> executeStreaming() {
        return runtime.pipeline().executeAsync(prepare(false))
                .thenApply(this::recordEvidence)
                .thenApply(response -> new RestStreamResponse(response,
                        XRoadMetadata.fromRestHeaders(response.headers())));
    }
}
