package io.luotsi.xroad.globalconf.internal;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.xroad.globalconf.GlobalConfException;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk layout of a Security Server's global configuration ({@code /etc/xroad/globalconf}):
 * <pre>
 * instance-identifier                       the own instance, e.g. EE
 * EE/shared-params.xml  (+ .metadata)       one directory per instance (federation), named URL-encoded
 * EE/private-params.xml (+ .metadata)       own instance only
 * </pre>
 * The {@code .metadata} JSON carries {@code expirationDate} and {@code configurationVersion} (2 when absent).
 */
public final class DirectoryLayout {

    public static final String INSTANCE_IDENTIFIER_FILE = "instance-identifier";
    public static final String SHARED_PARAMS_FILE = "shared-params.xml";
    public static final String PRIVATE_PARAMS_FILE = "private-params.xml";
    public static final String METADATA_SUFFIX = ".metadata";
    private static final int MAX_INSTANCES = 1000;
    private static final JsonCodec JSON = JacksonJsonCodec.create();

    private DirectoryLayout() {
    }

    /** What a {@code .metadata} file says. */
    public record Metadata(String contentIdentifier, String instanceIdentifier, Instant expirationDate, int version) {
    }

    public static GlobalConfiguration read(Path dir, long maxFileBytes) {
        if (!Files.isDirectory(dir)) {
            throw new GlobalConfException(GlobalConfException.CONFIGURATION_ERROR,
                    "not a global configuration directory: " + dir);
        }
        Path idFile = dir.resolve(INSTANCE_IDENTIFIER_FILE);
        if (!Files.isRegularFile(idFile)) {
            throw new GlobalConfException(GlobalConfException.MISSING_INSTANCE_IDENTIFIER,
                    "no " + INSTANCE_IDENTIFIER_FILE + " file in " + dir);
        }
        String instance = new String(readBounded(idFile, 1024), StandardCharsets.UTF_8).trim();
        if (instance.isEmpty()) {
            throw new GlobalConfException(GlobalConfException.MISSING_INSTANCE_IDENTIFIER,
                    INSTANCE_IDENTIFIER_FILE + " of " + dir + " is empty");
        }
        Path ownDir = instanceDirectory(dir, instance);
        if (!Files.isDirectory(ownDir)) {
            throw new GlobalConfException(GlobalConfException.MALFORMED,
                    "the directory of the own instance " + instance + " is missing from " + dir);
        }
        GlobalConfiguration.Builder builder = GlobalConfiguration.builder(instance);
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : stream) {
                dirs.add(p);
                if (dirs.size() > MAX_INSTANCES) {
                    throw new GlobalConfException(GlobalConfException.MALFORMED,
                            "more than " + MAX_INSTANCES + " instance directories in " + dir);
                }
            }
        } catch (IOException e) {
            throw new GlobalConfException(GlobalConfException.CONFIGURATION_ERROR, "cannot list " + dir, e);
        }
        dirs.sort(null);
        boolean ownFound = false;
        for (Path d : dirs) {
            Path shared = d.resolve(SHARED_PARAMS_FILE);
            boolean own = d.getFileName().equals(ownDir.getFileName());
            if (Files.isRegularFile(shared)) {
                Metadata meta = metadata(shared);
                SharedParameters sp = parseShared(shared, meta.version(), maxFileBytes);
                builder.add(sp, meta.expirationDate());
                ownFound |= own;
            }
            Path priv = d.resolve(PRIVATE_PARAMS_FILE);
            if (own && Files.isRegularFile(priv)) {
                Metadata meta = metadata(priv);
                try (InputStream in = Files.newInputStream(priv)) {
                    builder.privateParameters(PrivateParametersXml.read(in, maxFileBytes), meta.expirationDate());
                } catch (IOException e) {
                    throw new GlobalConfException(GlobalConfException.MALFORMED, "cannot read " + priv, e);
                }
                ownFound = true;
            }
        }
        if (!ownFound) {
            throw new GlobalConfException(GlobalConfException.MALFORMED,
                    "the directory of the own instance " + instance + " has neither shared nor private parameters");
        }
        return builder.build();
    }

    private static SharedParameters parseShared(Path file, int version, long maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return SharedParametersXml.read(in, version, maxBytes);
        } catch (GlobalConfException e) {
            throw new GlobalConfException(e.code(), file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new GlobalConfException(GlobalConfException.MALFORMED, "cannot read " + file, e);
        }
    }

    /** The metadata beside a file; version 2 and no expiry when there is none. */
    public static Metadata metadata(Path file) {
        Path meta = file.resolveSibling(file.getFileName() + METADATA_SUFFIX);
        if (!Files.isRegularFile(meta)) {
            return new Metadata(null, null, null, 2);
        }
        Map<?, ?> json;
        try {
            json = JSON.read(readBounded(meta, 64 * 1024), Map.class);
        } catch (ProtocolException e) {
            throw new GlobalConfException(GlobalConfException.MALFORMED, meta + " is not JSON", e);
        }
        Instant expires = null;
        Object exp = json.get("expirationDate");
        if (exp != null) {
            try {
                expires = OffsetDateTime.parse(exp.toString()).toInstant();
            } catch (DateTimeParseException e) {
                throw new GlobalConfException(GlobalConfException.MALFORMED,
                        meta + ": expirationDate is not a date-time: " + exp, e);
            }
        }
        int version = 2;
        Object v = json.get("configurationVersion");
        if (v != null && !v.toString().isBlank()) {
            try {
                version = Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new GlobalConfException(GlobalConfException.MALFORMED,
                        meta + ": configurationVersion is not a number: " + v, e);
            }
        }
        return new Metadata(str(json.get("contentIdentifier")), str(json.get("instanceIdentifier")), expires, version);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** The directory of an instance: its identifier URL-encoded, as X-Road names it. */
    public static Path instanceDirectory(Path root, String instance) {
        String name = URLEncoder.encode(instance, StandardCharsets.UTF_8);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new GlobalConfException(GlobalConfException.PART_INVALID_INSTANCE_IDENTIFIER,
                    "instance identifier cannot name a directory: '" + instance + "'");
        }
        return root.resolve(name);
    }

    // ---------------------------------------------------------------- writing

    public static void writeInstanceIdentifier(Path root, String instance) {
        writeAtomically(root.resolve(INSTANCE_IDENTIFIER_FILE), instance.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a file of an instance with its metadata, each atomically where the file system allows. */
    public static Path writeFile(Path root, String instance, String fileName, byte[] content,
                                 String contentIdentifier, Instant expiresAt, Integer version) {
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.equals(".")
                || fileName.equals("..") || fileName.equals(INSTANCE_IDENTIFIER_FILE)
                || fileName.endsWith(METADATA_SUFFIX)) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                    "configuration part file name cannot be written: '" + fileName + "'");
        }
        Path dir = instanceDirectory(root, instance);
        Path file = dir.resolve(fileName);
        writeAtomically(file, content);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("contentIdentifier", contentIdentifier);
        meta.put("instanceIdentifier", instance);
        if (expiresAt != null) {
            meta.put("expirationDate", expiresAt.toString());
        }
        if (version != null) {
            meta.put("configurationVersion", version.toString());
        }
        writeAtomically(file.resolveSibling(fileName + METADATA_SUFFIX), JSON.writeBytes(meta));
        return file;
    }

    private static void writeAtomically(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, content);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    private static byte[] readBounded(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new GlobalConfException(GlobalConfException.MALFORMED, file + " is larger than " + max + " bytes");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new GlobalConfException(GlobalConfException.MALFORMED, file + " is missing", e);
        } catch (IOException e) {
            throw new GlobalConfException(GlobalConfException.CONFIGURATION_ERROR, "cannot read " + file, e);
        }
    }
}
