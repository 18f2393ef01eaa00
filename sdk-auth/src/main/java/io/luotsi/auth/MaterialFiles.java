package io.luotsi.auth;

import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads key, certificate and password files with a size limit, failing with messages that name the file. */
final class MaterialFiles {

    /** Key, certificate and password files are small; anything larger is the wrong file. */
    static final long MAX_BYTES = 1024 * 1024;

    private MaterialFiles() {
    }

    static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigurationException(file + ": is a directory, not a file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigurationException(file + ": is " + size + " bytes, larger than the " + MAX_BYTES
                        + " bytes a key, certificate or password file can be; is it the right file?");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(file + ": cannot be read (access denied)", e);
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * A password file: UTF-8 text, trailing line breaks removed (as {@code echo secret > file} leaves one). The caller
     * clears the returned array when done.
     */
    static char[] readPassword(Path file) {
        byte[] bytes = read(file);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
                end--;
            }
            char[] password = new char[end];
            chars.get(password, 0, end);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return password;
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(file + ": the password is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
