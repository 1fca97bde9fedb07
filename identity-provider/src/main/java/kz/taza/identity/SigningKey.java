package kz.taza.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA key that signs tokens. Kept in a PEM file (PKCS#8, readable by its owner only) when one is configured, so that
 * the services' cached key set and the tokens already issued stay valid when the provider restarts; otherwise a new
 * key per start. The key id is derived from the public key, so it names the same key across restarts.
 */
final class SigningKey {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKey() {
    }

    static RSAKey load(Path file) {
        try {
            if (file == null) {
                return jwk(generate());
            }
            if (!Files.exists(file)) {
                write(file, generate());
            }
            return jwk(read(file));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read or create the signing key " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static void write(Path file, KeyPair pair) throws IOException {
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPrivate().getEncoded()) + "\n" + END + "\n";
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another start wrote it first: use that one
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(file + " is not a PEM PKCS#8 private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    private static RSAKey jwk(KeyPair pair) throws GeneralSecurityException {
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
        return new RSAKey.Builder(publicKey)
                .privateKey(pair.getPrivate())
                .keyID(HexFormat.of().formatHex(digest, 0, 8))
                .build();
    }
}
