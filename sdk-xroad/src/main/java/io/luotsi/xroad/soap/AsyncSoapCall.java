package io.luotsi.xroad.soap;

import io.luotsi.core.http.HttpResponse;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;
import java.util.concurrent.CompletableFuture;

/**
 * One SOAP call, executed asynchronously: the future completes on the transport's threads with the response or an
 * exception of the same types {@link SoapCall} throws.
 */
public final class AsyncSoapCall extends AbstractSoapCall<AsyncSoapCall> {

    AsyncSoapCall(ClientRuntime runtime, ServiceId service) {
        super(runtime, service);
    }

    public <T> CompletableFuture<SoapResponse<T>> execute(Class<T> type) {
        return run(typed(type));
    }

    public <T> CompletableFuture<SoapResponse<T>> execute(SoapMessage.SoapBodyReader<T> reader) {
        return run(stax(reader));
    }

    public CompletableFuture<SoapResponse<SoapMessage>> execute() {
        return run(m -> m);
    }

    private <T> CompletableFuture<SoapResponse<T>> run(BodyMapper<T> mapper) {
        SoapPrepared p;
        try {
            p = prepare();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<SoapResponse<T>> result = new CompletableFuture<>();
        runtime.pipeline().executeAsync(p.call()).whenComplete((HttpResponse response, Throwable error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            try {
                result.complete(finish(p, response, mapper));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
