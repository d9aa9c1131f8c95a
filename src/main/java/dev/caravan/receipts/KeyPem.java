package dev.caravan.receipts;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** Ed25519 keys as the PEM files openssl writes: PKCS#8 "PRIVATE KEY" and SubjectPublicKeyInfo "PUBLIC KEY". */
final class KeyPem {
    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private KeyPem() {}

    static String privatePem(byte[] secret) {
        try {
            return write(PRIVATE, new PrivateKeyInfo(ED25519, new DEROctetString(secret)).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String publicPem(byte[] publicKey) {
        try {
            return write(PUBLIC, new SubjectPublicKeyInfo(ED25519, publicKey).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Ed25519PrivateKeyParameters readPrivate(String pem) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(read(pem, PRIVATE));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable PKCS#8 private key: " + e.getMessage(), e);
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IllegalArgumentException("the private key is not Ed25519");
        }
        return ed25519;
    }

    static byte[] readPublic(String pem) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(read(pem, PUBLIC));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable public key: " + e.getMessage(), e);
        }
        byte[] raw = info.getPublicKeyData().getBytes();
        if (!ED25519.getAlgorithm().equals(info.getAlgorithm().getAlgorithm()) || raw.length != 32) {
            throw new IllegalArgumentException("the public key is not Ed25519");
        }
        return raw;
    }

    private static String write(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static byte[] read(String pem, String type) {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable PEM: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new IllegalArgumentException("no PEM block found");
        }
        if (!type.equals(object.getType())) {
            throw new IllegalArgumentException("expected a \"" + type + "\" PEM, found \"" + object.getType() + "\"");
        }
        return object.getContent();
    }
}
