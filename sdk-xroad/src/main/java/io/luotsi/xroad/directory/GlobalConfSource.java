package io.luotsi.xroad.directory;

import io.luotsi.xroad.globalconf.GlobalConfDownloader;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Directory} gets its global configuration, each time it refreshes: downloaded and verified from the
 * Central Server, read from a Security Server's directory, or fixed.
 *
 * <pre>{@code
 * GlobalConfSource.download(downloader)                          // verified download from the anchor's sources
 * GlobalConfSource.directory(Path.of("/etc/xroad/globalconf"))   // what a local Security Server keeps up to date
 * GlobalConfSource.of(configuration)                             // fixed, e.g. in tests
 * }</pre>
 */
@FunctionalInterface
public interface GlobalConfSource {

    /** Loads the current configuration; throws (e.g. {@link io.luotsi.xroad.globalconf.GlobalConfException}) when it cannot. */
    GlobalConfiguration load();

    /** Downloads with the downloader on every load. */
    static GlobalConfSource download(GlobalConfDownloader downloader) {
        Objects.requireNonNull(downloader, "downloader");
        return () -> downloader.download().configuration();
    }

    /** Reads the on-disk layout on every load. */
    static GlobalConfSource directory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return () -> GlobalConfiguration.readDirectory(directory);
    }

    /** Always this configuration. */
    static GlobalConfSource of(GlobalConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        return () -> configuration;
    }
}
