package kz.taza.simulator.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Scenario;

/**
 * The identity provider's configuration for a run of the scenario, as a properties file of
 * {@code taza.identity.*} entries: the ministry's desks (officer, inspector, forester), a reporting client and an AMS
 * gateway for every operator of the scenario (bound to its BIN), the extra clients the caller names (the services'
 * own, an agency's), and people who sign in. Every secret is drawn at random for the run; the file is readable by
 * its owner only and lives in the run's directory, never in the repository.
 */
public final class IdentityFile {

    /** Prefix of a client's entries. */
    static final String CLIENTS = "taza.identity.clients.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> entries = new LinkedHashMap<>();

    private IdentityFile() {
        // Generated secrets are 128 random bits: a low hash cost does not weaken them, and keeps a start of thousands
        // of clients quick.
        entries.put("taza.identity.hash-strength", "4");
    }

    /** No identities yet: the caller adds the clients and people its run needs. */
    public static IdentityFile empty() {
        return new IdentityFile();
    }

    /** The scenario's identities: the desks and each operator's reporting client and gateway. */
    public static IdentityFile forScenario(Scenario scenario) {
        IdentityFile file = empty();
        file.client(Credentials.OFFICER, Set.of("officer"), null);
        file.client(Credentials.INSPECTOR, Set.of("inspector"), null);
        file.client(Credentials.FORESTER, Set.of("forester"), null);
        Set<String> operators = new TreeSet<>();
        for (Facility facility : scenario.facilities()) {
            operators.add(facility.operatorBin());
        }
        for (String bin : operators) {
            file.client(Credentials.operator(bin), Set.of("operator"), bin);
            file.client(Credentials.gateway(bin), Set.of("gateway"), bin);
        }
        return file;
    }

    /** Adds a machine client with a fresh secret; returns the secret. */
    public String client(String id, Set<String> roles, String operatorBin) {
        String secret = secret();
        entries.put(CLIENTS + id + ".secret", secret);
        entries.put(CLIENTS + id + ".roles", String.join(",", new TreeSet<>(roles)));
        if (operatorBin != null) {
            entries.put(CLIENTS + id + ".operator-bin", operatorBin);
        }
        return secret;
    }

    /** Adds a person who signs in, with a fresh password; returns the password. */
    public String user(String name, Set<String> roles) {
        String password = secret();
        entries.put(passwordEntry(name), password);
        entries.put("taza.identity.users." + name + ".roles", String.join(",", new TreeSet<>(roles)));
        return password;
    }

    /** The entry that holds a person's password. */
    public static String passwordEntry(String name) {
        return "taza.identity.users." + name + ".password";
    }

    /** Adds any other setting (a sign-in client's grants, redirect URIs, scopes). */
    public IdentityFile set(String name, String value) {
        entries.put(name, value);
        return this;
    }

    /** Writes the file, readable and writable by its owner only. */
    public Path write(Path path) {
        StringBuilder text = new StringBuilder("# Identities of this run, for the identity provider (taza.identity.*)."
                + " Secrets drawn for this run only.\n");
        entries.forEach((name, value) -> text.append(name).append('=').append(escape(value)).append('\n'));
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.deleteIfExists(path);
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(path);
            }
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the identity file " + path, e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
