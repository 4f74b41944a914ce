// Standalone consent receipt verifier: JDK 17+ only, no dependencies.
//
//   java tools/VerifyReceipt.java receipt.json vkey
//
// receipt.json: the body of GET /api/v1/receipts/{consentId} (saved byte for byte, e.g. curl -o).
// vkey: a file holding the verifier key (C2SP vkey, "<name>+<hash>+<base64>") or the key itself,
//       e.g. one line of GET /api/v1/ledger/keys (Accept: text/plain), obtained independently.
// Checks (docs/LEDGER.md, "Verifying a receipt"): the file is RFC 8785 canonical JSON with exactly the
// expected members; the event equals the leaf bytes; the leaf is included (RFC 9162 inclusion proof) in the
// tree whose root the checkpoint states; the checkpoint is a C2SP signed note signed by the vkey.
// Exit status: 0 valid, 1 invalid (the reason is printed), 2 usage error.

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public class VerifyReceipt {

    static final class Invalid extends Exception {
        Invalid(String m) {
            super(m, null, false, false);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java tools/VerifyReceipt.java receipt.json vkey");
            System.exit(2);
        }
        byte[] receipt = Files.readAllBytes(Path.of(args[0]));
        String vkey = Files.exists(Path.of(args[1])) ? Files.readString(Path.of(args[1])).trim() : args[1].trim();
        try {
            System.out.println("VALID: " + verify(receipt, vkey));
        } catch (Invalid e) {
            System.out.println("INVALID: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Verifies a receipt; returns a one-line description or throws Invalid with the reason. */
    public static String verify(byte[] receiptBytes, String vkey) throws Invalid {
        String text = utf8(receiptBytes);
        Object parsed = new Parser(text).parseDocument();
        if (!(parsed instanceof Map)) {
            throw new Invalid("receipt is not a JSON object");
        }
        if (!Arrays.equals(canonical(parsed), receiptBytes)) {
            throw new Invalid("receipt is not in RFC 8785 canonical form (it was altered or re-formatted)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) parsed;
        if (!r.keySet().equals(Set.of("checkpoint", "consentId", "event", "inclusionProof", "leaf", "leafIndex", "siteKey", "status", "treeSize"))) {
            throw new Invalid("receipt members are not exactly those of a sealed receipt: " + r.keySet());
        }
        if (!"sealed".equals(r.get("status"))) {
            throw new Invalid("receipt status is not \"sealed\"");
        }
        String consentId = str(r, "consentId");
        String siteKey = str(r, "siteKey");
        if (!(r.get("event") instanceof Map)) {
            throw new Invalid("event is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) r.get("event");
        byte[] leaf = b64(str(r, "leaf"), "leaf");
        if (!Arrays.equals(canonical(event), leaf)) {
            throw new Invalid("event fields differ from the leaf bytes");
        }
        if (!"consent".equals(event.get("type")) || !consentId.equals(event.get("consentId")) || !siteKey.equals(event.get("siteKey"))) {
            throw new Invalid("leaf is not the consent event named by the receipt");
        }
        long index = num(r, "leafIndex");
        long size = num(r, "treeSize");
        if (!(r.get("inclusionProof") instanceof List)) {
            throw new Invalid("inclusionProof is not an array");
        }
        List<byte[]> proof = new ArrayList<>();
        for (Object o : (List<?>) r.get("inclusionProof")) {
            if (!(o instanceof String)) {
                throw new Invalid("inclusionProof element is not a string");
            }
            byte[] h = b64((String) o, "proof element");
            if (h.length != 32) {
                throw new Invalid("proof element is not 32 bytes");
            }
            proof.add(h);
        }
        // checkpoint: signed note
        String note = str(r, "checkpoint");
        String[] key = vkey.split("\\+", 3);
        if (key.length != 3) {
            throw new Invalid("verifier key is malformed");
        }
        byte[] keyBytes = b64(key[2], "verifier key");
        if (keyBytes.length != 33 || keyBytes[0] != 1) {
            throw new Invalid("verifier key is not an Ed25519 key");
        }
        byte[] pub = Arrays.copyOfRange(keyBytes, 1, 33);
        byte[] keyHash = keyHash(key[0], pub);
        if (!HexFormat.of().formatHex(keyHash).equals(key[1])) {
            throw new Invalid("verifier key hash does not match the key");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new Invalid("checkpoint has no signature block");
        }
        String body = note.substring(0, split + 1);
        String sigs = note.substring(split + 2);
        if (!sigs.endsWith("\n")) {
            throw new Invalid("checkpoint signature block does not end with a newline");
        }
        boolean signed = false;
        for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
            String prefix = "\u2014 " + key[0] + " ";
            if (!line.startsWith("\u2014 ")) {
                throw new Invalid("malformed signature line");
            }
            if (line.startsWith(prefix)) {
                byte[] blob = b64(line.substring(prefix.length()), "signature");
                if (blob.length == 68 && Arrays.equals(Arrays.copyOf(blob, 4), keyHash)) {
                    if (!ed25519(pub, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, 68))) {
                        throw new Invalid("checkpoint signature is invalid");
                    }
                    signed = true;
                }
            }
        }
        if (!signed) {
            throw new Invalid("checkpoint is not signed by " + key[0] + "+" + key[1]);
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new Invalid("checkpoint body needs origin, size and root");
        }
        if (!lines[0].endsWith("/" + siteKey)) {
            throw new Invalid("checkpoint origin " + lines[0] + " is not the log of site " + siteKey);
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}") || Long.parseLong(lines[1]) != size) {
            throw new Invalid("checkpoint tree size differs from the receipt's treeSize");
        }
        byte[] root = b64(lines[2], "checkpoint root");
        if (root.length != 32) {
            throw new Invalid("checkpoint root is not 32 bytes");
        }
        // RFC 9162 2.1.3.2 inclusion verification
        if (index < 0 || index >= size) {
            throw new Invalid("leaf index outside the tree");
        }
        long fn = index;
        long sn = size - 1;
        byte[] h = hash((byte) 0, leaf);
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new Invalid("inclusion proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                h = hash((byte) 1, p, h);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                h = hash((byte) 1, h, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new Invalid("inclusion proof is too short");
        }
        if (!MessageDigest.isEqual(h, root)) {
            throw new Invalid("inclusion proof does not lead to the signed root");
        }
        return "consent " + consentId + " of site " + siteKey + " (" + event.get("action") + ", " + event.get("method")
                + ", recorded " + event.get("recordedAt") + ") is leaf " + index + " of the log \"" + lines[0]
                + "\" at tree size " + size + ", signed by " + key[0] + "+" + key[1];
    }

    static String utf8(byte[] b) throws Invalid {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid("receipt is not valid UTF-8");
        }
    }

    static String str(Map<String, Object> m, String k) throws Invalid {
        if (!(m.get(k) instanceof String)) {
            throw new Invalid(k + " is not a string");
        }
        return (String) m.get(k);
    }

    static long num(Map<String, Object> m, String k) throws Invalid {
        if (!(m.get(k) instanceof Long)) {
            throw new Invalid(k + " is not an integer");
        }
        return (Long) m.get(k);
    }

    static byte[] b64(String s, String what) throws Invalid {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new Invalid(what + " is not base64");
        }
        if (!Base64.getEncoder().encodeToString(b).equals(s)) {
            throw new Invalid(what + " is not canonical base64");
        }
        return b;
    }

    static byte[] hash(byte prefix, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(prefix);
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] keyHash(String name, byte[] pub) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(name.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update((byte) 1);
            return Arrays.copyOf(d.digest(pub), 4);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean ed25519(byte[] pub, byte[] msg, byte[] sig) {
        try {
            byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(pub));
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(msg);
            return s.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    // ---- RFC 8785 serialisation of the parsed values (objects, arrays, strings, integers, booleans, null)

    static byte[] canonical(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof String) {
            String s = (String) v;
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\b': sb.append("\\b"); break;
                    case '\f': sb.append("\\f"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    default:
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                }
            }
            sb.append('"');
        } else if (v instanceof List) {
            sb.append('[');
            List<?> l = (List<?>) v;
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) { // TreeMap: sorted by UTF-16 code units
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        }
    }

    // ---- strict JSON parser (RFC 8259; integers only; duplicate names rejected)

    static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        Object parseDocument() throws Invalid {
            ws();
            Object v = value(0);
            ws();
            if (i != s.length()) {
                throw new Invalid("trailing characters after the JSON value");
            }
            return v;
        }

        void ws() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
                i++;
            }
        }

        Object value(int depth) throws Invalid {
            if (depth > 32 || i >= s.length()) {
                throw new Invalid("malformed JSON");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new TreeMap<>();
                ws();
                if (peek('}')) {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    if (!peek('"')) {
                        throw new Invalid("malformed JSON object");
                    }
                    String k = string();
                    ws();
                    expect(':');
                    ws();
                    if (m.containsKey(k)) {
                        throw new Invalid("duplicate member " + k);
                    }
                    m.put(k, value(depth + 1));
                    ws();
                    if (peek(',')) {
                        i++;
                        continue;
                    }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek(']')) {
                    i++;
                    return l;
                }
                while (true) {
                    ws();
                    l.add(value(depth + 1));
                    ws();
                    if (peek(',')) {
                        i++;
                        continue;
                    }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            if (peek('-')) {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            String n = s.substring(start, i);
            if (!n.matches("-?(0|[1-9][0-9]{0,15})")) {
                throw new Invalid("malformed or unsupported JSON number");
            }
            return Long.parseLong(n);
        }

        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) throws Invalid {
            if (!peek(c)) {
                throw new Invalid("malformed JSON: expected '" + c + "'");
            }
            i++;
        }

        String string() throws Invalid {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new Invalid("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new Invalid("control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw new Invalid("unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                            throw new Invalid("bad \\u escape");
                        }
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default:
                        throw new Invalid("bad escape");
                }
            }
        }
    }
}
