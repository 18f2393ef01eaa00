package io.luotsi.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.rest.RestResponse;
import io.luotsi.xroad.rest.RestService;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One REST call with a small JSON response, through the SDK and with raw OkHttp, in the same run against the same
 * loopback server. Both sides send the same X-Road headers and read the body into the same record with Jackson, so
 * the difference is what the SDK adds: request building, identifier encoding, the pipeline (interceptors, classifier,
 * events), metadata and error mapping.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class RestCallBenchmark {

    /** The response body shape. */
    public record Person(String id, String name, String born, String municipality) {
    }

    static final String BODY = "{\"id\":\"010101-123N\",\"name\":\"Ann Example\",\"born\":\"1980-01-01\","
            + "\"municipality\":\"Helsinki\"}";

    LoopbackHttpServer server;
    XRoadClient sdk;
    RestService service;
    OkHttpClient raw;
    ObjectMapper mapper;
    String rawUrl;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] body = BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server = new LoopbackHttpServer(request -> LoopbackHttpServer.response(
                "Content-Type: application/json\r\n"
                        + "X-Road-Id: " + request.messageId() + "\r\n"
                        + "X-Road-Request-Id: 8a0f6b5e-5c1f-4a55-9c1d-8d6f3f2b1a10\r\n"
                        + "X-Road-Request-Hash: 7zmQ9CwnVrEWzWnCyXbXkQYGR+A7/i6e61JgWMLaEI8Bj1QWdrUVGijBBdyDdhcgOpfY8Sid1"
                        + "RhvRbs+aFbOhw==\r\n"
                        + "X-Road-Service: FI/GOV/0245437-2/registry/persons\r\n"
                        + "X-Road-Client: FI/GOV/1234567-8/caseapp\r\n",
                body));
        String base = server.url();
        sdk = XRoadClient.builder()
                .securityServer(base)
                .client(ClientId.parse("FI/GOV/1234567-8/caseapp"))
                .build();
        service = sdk.rest(ServiceId.parse("FI/GOV/0245437-2/registry/persons"));
        raw = new OkHttpClient.Builder().followRedirects(false).build();
        mapper = new ObjectMapper().configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        rawUrl = base + "r1/FI/GOV/0245437-2/registry/persons/persons/010101-123N";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        sdk.close();
        raw.dispatcher().executorService().shutdown();
        raw.connectionPool().evictAll();
        server.close();
    }

    @Benchmark
    public Person sdkCall() {
        RestResponse<Person> r = service.get("/persons/{id}", "010101-123N")
                .userId("FI010101-123N")
                .issue("case-118")
                .execute(Person.class);
        return r.body();
    }

    @Benchmark
    public Person rawOkHttpCall() throws IOException {
        Request request = new Request.Builder().url(rawUrl)
                .header("X-Road-Client", "FI/GOV/1234567-8/caseapp")
                .header("X-Road-Id", UUID.randomUUID().toString())
                .header("X-Road-UserId", "FI010101-123N")
                .header("X-Road-Issue", "case-118")
                .header("Accept", "application/json")
                .build();
        try (Response response = raw.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
            return mapper.readValue(response.body().byteStream(), Person.class);
        }
    }
}
