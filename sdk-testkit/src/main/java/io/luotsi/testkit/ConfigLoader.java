package io.luotsi.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.luotsi.core.ConfigurationException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fake Security Server's JSON or YAML configuration (documented in
 * {@code docs/reference/fake-security-server-config.md}) into a {@link FakeSecurityServer.Builder}.
 */
final class ConfigLoader {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]i?B?|B)?", Pattern.CASE_INSENSITIVE);

    /** Reads files the configuration refers to, relative to where it came from. */
    private interface Resolver {
        byte[] read(String relative) throws IOException;

        Path directory();
    }

    private ConfigLoader() {
    }

    static FakeSecurityServer.Builder fromFile(Path file) {
        java.util.Objects.requireNonNull(file, "file");
        Path dir = file.toAbsolutePath().getParent();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read fake Security Server configuration " + file + ": "
                    + e.getMessage(), e);
        }
        return parse(file.toString(), content, new Resolver() {
            @Override
            public byte[] read(String relative) throws IOException {
                return Files.readAllBytes(dir.resolve(relative));
            }

            @Override
            public Path directory() {
                return dir;
            }
        });
    }

    static FakeSecurityServer.Builder fromClasspath(String resource, ClassLoader loader) {
        java.util.Objects.requireNonNull(resource, "resource");
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader cl = loader != null ? loader : ConfigLoader.class.getClassLoader();
        byte[] content;
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigurationException("fake Security Server configuration " + name
                        + " not found on the classpath");
            }
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read fake Security Server configuration " + name + ": "
                    + e.getMessage(), e);
        }
        int slash = name.lastIndexOf('/');
        String base = slash < 0 ? "" : name.substring(0, slash + 1);
        return parse(name, content, new Resolver() {
            @Override
            public byte[] read(String relative) throws IOException {
                try (InputStream in = cl.getResourceAsStream(base + relative)) {
                    if (in == null) {
                        throw new IOException("classpath resource " + base + relative + " not found");
                    }
                    return in.readAllBytes();
                }
            }

            @Override
            public Path directory() {
                return Path.of("").toAbsolutePath();
            }
        });
    }

    static FakeSecurityServer.Builder parse(String source, byte[] content, Resolver resolver) {
        boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Config config;
        try {
            config = mapper.readValue(content, Config.class);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("invalid fake Security Server configuration " + source + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read fake Security Server configuration " + source + ": "
                    + e.getMessage(), e);
        }
        if (config == null) {
            throw new ConfigurationException("fake Security Server configuration " + source + " is empty");
        }
        try {
            return toBuilder(config, resolver, source);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException("invalid fake Security Server configuration " + source + ": "
                    + e.getMessage(), e);
        }
    }

    private static FakeSecurityServer.Builder toBuilder(Config c, Resolver resolver, String source) {
        FakeSecurityServer.Builder b = FakeSecurityServer.builder();
        if (c.instance != null) {
            b.instance(c.instance);
        }
        if (c.serverId != null) {
            b.serverId(SecurityServerId.parse(c.serverId));
        }
        if (c.bindAddress != null) {
            b.bindAddress(c.bindAddress);
        }
        if (c.port != null) {
            b.port(c.port);
        }
        if (c.bodyLimit != null) {
            b.maxBodyBytes(parseSize(c.bodyLimit));
        }
        if (c.strict != null) {
            b.strict(c.strict);
        }
        if (c.recordingLimit != null) {
            b.recordingLimit(c.recordingLimit);
        }
        if (c.https != null) {
            b.https(c.https.enabled == null || c.https.enabled);
            if (c.https.port != null) {
                b.httpsPort(c.https.port);
            }
            if (c.https.clientAuthentication != null) {
                b.clientAuthentication(c.https.clientAuthentication);
            }
            if (c.https.writeClientMaterialTo != null) {
                b.writeClientTlsMaterialTo(resolver.directory().resolve(c.https.writeClientMaterialTo));
            }
        }
        if (c.messageLog != null && (c.messageLog.enabled == null || c.messageLog.enabled)) {
            require(c.messageLog.directory, "messageLog.directory");
            b.messageLog(resolver.directory().resolve(c.messageLog.directory));
        }
        for (MemberConfig m : c.members) {
            require(m.id, "members[].id");
            ClientId memberId = ClientId.parse(m.id);
            if (memberId.isSubsystem()) {
                throw new IllegalArgumentException("members[].id must be INSTANCE/CLASS/CODE: " + m.id);
            }
            String memberName = m.name != null ? m.name : memberId.memberCode();
            ClientRegistration member = ClientRegistration.member(memberId, memberName);
            if (m.connectionType != null) {
                member = member.withConnectionType(m.connectionType);
            }
            b.client(member);
            for (SubsystemConfig s : m.subsystems) {
                require(s.code, "members[].subsystems[].code");
                ClientRegistration sub = ClientRegistration.subsystem(memberId.withSubsystem(s.code), memberName,
                        s.name != null ? s.name : s.code);
                if (s.connectionType != null) {
                    sub = sub.withConnectionType(s.connectionType);
                }
                b.client(sub);
            }
        }
        for (ServiceConfig s : c.services) {
            require(s.id, "services[].id");
            ServiceType type = s.type != null ? s.type : ServiceType.REST;
            ServiceRegistration.Builder sb = ServiceRegistration.builder(ServiceId.parse(s.id), type);
            for (AccessConfig a : s.access) {
                require(a.client, "services[].access[].client");
                sb.allow(ClientId.parse(a.client), a.method != null ? a.method : "*", a.path != null ? a.path : "**");
            }
            if (s.forwardTo != null && (!s.stubs.isEmpty() || s.soapResponse != null)) {
                throw new IllegalArgumentException("service " + s.id + " has both forwardTo and stubs");
            }
            if (type == ServiceType.WSDL && !s.stubs.isEmpty()) {
                throw new IllegalArgumentException("WSDL service " + s.id + " answers with soapResponse, not stubs");
            }
            if (s.soapResponse != null) {
                sb.soapResponse(soapResponse(s.soapResponse, resolver, s.id));
            }
            if (s.wsdl != null) {
                try {
                    sb.wsdl(new String(resolver.read(s.wsdl), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read WSDL " + s.wsdl + " of service " + s.id + ": "
                            + e.getMessage(), e);
                }
            }
            if (s.forwardTo != null) {
                sb.forwardTo(URI.create(s.forwardTo));
            }
            for (StubConfig stub : s.stubs) {
                sb.stub(stub.method != null ? stub.method : "*", stub.path != null ? stub.path : "**",
                        response(stub, resolver, s.id));
            }
            if (s.openApi != null) {
                try {
                    OpenApiDocument doc = OpenApiDocument.of(s.openApi, new String(resolver.read(s.openApi),
                            StandardCharsets.UTF_8));
                    sb.openApi(s.openApiContentType == null ? doc : doc.withContentType(s.openApiContentType));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read OpenAPI document " + s.openApi + " of service "
                            + s.id + ": " + e.getMessage(), e);
                }
            }
            if (s.disabled != null) {
                sb.disabled(s.disabled);
            }
            b.service(sb);
        }
        discovery(c, b);
        return b;
    }

    /** {@code globalConfiguration} and {@code globalGroups}. */
    private static void discovery(Config c, FakeSecurityServer.Builder b) {
        if (c.globalConfiguration != null) {
            GlobalConfConfig g = c.globalConfiguration;
            GlobalConfOptions options = GlobalConfOptions.defaults();
            if (g.enabled != null) {
                options = options.withEnabled(g.enabled);
            }
            if (g.validity != null) {
                options = options.withValidity(parseDuration(g.validity, "globalConfiguration.validity"));
            }
            if (g.keyType != null) {
                options = options.withKeyType(g.keyType);
            }
            if (g.maxVersion != null) {
                options = options.withMaxVersion(g.maxVersion);
            }
            b.globalConf(options);
        }
        String instance = c.instance != null ? c.instance : "DEV";
        for (GlobalGroupConfig g : c.globalGroups) {
            require(g.code, "globalGroups[].code");
            List<ClientId> members = new ArrayList<>();
            g.members.forEach(m -> members.add(ClientId.parse(m)));
            b.globalGroup(new GlobalGroupRegistration(new GlobalGroupId(instance, g.code),
                    g.description != null ? g.description : g.code, members));
        }
    }

    /** Seconds as a number, or an ISO-8601 duration such as {@code PT10M}. */
    static Duration parseDuration(JsonNode node, String key) {
        if (node.isIntegralNumber()) {
            return Duration.ofSeconds(node.asLong());
        }
        try {
            return Duration.parse(node.asText().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be seconds or an ISO-8601 duration such as PT10M: "
                    + node.asText(), e);
        }
    }

    private static FakeRestResponse response(StubConfig stub, Resolver resolver, String service) {
        int given = (stub.json != null ? 1 : 0) + (stub.body != null ? 1 : 0) + (stub.bodyFile != null ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("a stub of " + service + " may have one of json, body, bodyFile");
        }
        FakeRestResponse r = FakeRestResponse.status(stub.status != null ? stub.status : 200);
        for (Map.Entry<String, String> h : stub.headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        if (stub.json != null) {
            r = r.withBody(stub.json.toString().getBytes(StandardCharsets.UTF_8),
                    stub.contentType != null ? stub.contentType : "application/json");
        } else if (stub.body != null) {
            r = r.withBody(stub.body.getBytes(StandardCharsets.UTF_8),
                    stub.contentType != null ? stub.contentType : "text/plain; charset=UTF-8");
        } else if (stub.bodyFile != null) {
            try {
                r = r.withBody(resolver.read(stub.bodyFile),
                        stub.contentType != null ? stub.contentType : "application/octet-stream");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read bodyFile " + stub.bodyFile + " of a stub of " + service
                        + ": " + e.getMessage(), e);
            }
        } else if (stub.contentType != null) {
            r = r.withHeader("Content-Type", stub.contentType);
        }
        return r;
    }

    private static FakeSoapResponse soapResponse(SoapResponseConfig c, Resolver resolver, String service) {
        int given = (c.body != null ? 1 : 0) + (c.bodyFile != null ? 1 : 0) + (c.fault != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("the soapResponse of " + service
                    + " needs exactly one of body, bodyFile, fault");
        }
        if (c.fault != null) {
            require(c.fault.code, "services[].soapResponse.fault.code");
            return FakeSoapResponse.fault(c.fault.code, c.fault.string != null ? c.fault.string : "");
        }
        String body = c.body;
        if (c.bodyFile != null) {
            try {
                body = new String(resolver.read(c.bodyFile), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read bodyFile " + c.bodyFile + " of " + service + ": "
                        + e.getMessage(), e);
            }
        }
        return FakeSoapResponse.body(body);
    }

    /** A byte count: {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 1GiB}, {@code 10MB} (10^6), ... */
    static long parseSize(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        Matcher m = SIZE.matcher(node.asText().trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bodyLimit must be a byte count such as 1048576, 512KiB or 64MiB: "
                    + node.asText());
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        boolean binary = unit.contains("I");
        long base = binary ? 1024 : 1000;
        return switch (unit.charAt(0)) {
            case 'K' -> n * base;
            case 'M' -> n * base * base;
            case 'G' -> n * base * base * base;
            default -> n;
        };
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** The file's structure. */
    static final class Config {
        @JsonProperty public String instance;
        @JsonProperty public String serverId;
        @JsonProperty public String bindAddress;
        @JsonProperty public Integer port;
        @JsonProperty public JsonNode bodyLimit;
        @JsonProperty public Boolean strict;
        @JsonProperty public Integer recordingLimit;
        @JsonProperty public HttpsConfig https;
        @JsonProperty public MessageLogConfig messageLog;
        @JsonProperty public List<MemberConfig> members = new ArrayList<>();
        @JsonProperty public List<ServiceConfig> services = new ArrayList<>();
        @JsonProperty public GlobalConfConfig globalConfiguration;
        @JsonProperty public List<GlobalGroupConfig> globalGroups = new ArrayList<>();
    }

    static final class GlobalConfConfig {
        @JsonProperty public Boolean enabled;
        @JsonProperty public JsonNode validity;
        @JsonProperty public TestPki.KeyType keyType;
        @JsonProperty public Integer maxVersion;
    }

    static final class GlobalGroupConfig {
        @JsonProperty public String code;
        @JsonProperty public String description;
        @JsonProperty public List<String> members = new ArrayList<>();
    }

    static final class HttpsConfig {
        @JsonProperty public Boolean enabled;
        @JsonProperty public Integer port;
        @JsonProperty public Boolean clientAuthentication;
        @JsonProperty public String writeClientMaterialTo;
    }

    static final class MessageLogConfig {
        @JsonProperty public Boolean enabled;
        @JsonProperty public String directory;
    }

    static final class MemberConfig {
        @JsonProperty public String id;
        @JsonProperty public String name;
        @JsonProperty public ConnectionType connectionType;
        @JsonProperty public List<SubsystemConfig> subsystems = new ArrayList<>();
    }

    static final class SubsystemConfig {
        @JsonProperty public String code;
        @JsonProperty public String name;
        @JsonProperty public ConnectionType connectionType;
    }

    static final class ServiceConfig {
        @JsonProperty public String id;
        @JsonProperty public ServiceType type;
        @JsonProperty public String openApi;
        @JsonProperty public String openApiContentType;
        @JsonProperty public String forwardTo;
        @JsonProperty public String disabled;
        @JsonProperty public List<AccessConfig> access = new ArrayList<>();
        @JsonProperty public List<StubConfig> stubs = new ArrayList<>();
        @JsonProperty public SoapResponseConfig soapResponse;
        @JsonProperty public String wsdl;
    }

    static final class SoapResponseConfig {
        @JsonProperty public String body;
        @JsonProperty public String bodyFile;
        @JsonProperty public FaultConfig fault;
    }

    static final class FaultConfig {
        @JsonProperty public String code;
        @JsonProperty public String string;
    }

    static final class AccessConfig {
        @JsonProperty public String client;
        @JsonProperty public String method;
        @JsonProperty public String path;
    }

    static final class StubConfig {
        @JsonProperty public String method;
        @JsonProperty public String path;
        @JsonProperty public Integer status;
        @JsonProperty public Map<String, String> headers = new LinkedHashMap<>();
        @JsonProperty public JsonNode json;
        @JsonProperty public String body;
        @JsonProperty public String bodyFile;
        @JsonProperty public String contentType;
    }
}
