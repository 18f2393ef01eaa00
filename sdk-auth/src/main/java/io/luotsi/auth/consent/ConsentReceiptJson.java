package io.luotsi.auth.consent;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link ConsentReceipt}: Kantara v1.1 field names, JWT claims as NumericDates (epoch seconds),
 * fields that are not set left out. Reading is strict about types and required fields, lenient about unknown ones.
 */
final class ConsentReceiptJson {

    static final JsonCodec JSON = JacksonJsonCodec.create(new JacksonJsonCodec.Limits(10, 64 * 1024, 20, 256 * 1024,
            200));

    private ConsentReceiptJson() {
    }

    static byte[] write(ConsentReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.version());
        m.put("jurisdiction", r.jurisdiction());
        m.put("consentTimestamp", r.consentTimestamp().getEpochSecond());
        m.put("collectionMethod", r.collectionMethod());
        m.put("consentReceiptID", r.consentReceiptId());
        put(m, "publicKey", r.publicKey());
        m.put("language", r.language());
        m.put("piiPrincipalId", r.piiPrincipalId());
        List<Object> controllers = new ArrayList<>();
        for (ConsentReceipt.PiiController c : r.piiControllers()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("piiController", c.piiController());
            put(cm, "onBehalf", c.onBehalf());
            put(cm, "contact", c.contact());
            if (c.address() != null) {
                Map<String, Object> a = new LinkedHashMap<>();
                put(a, "streetAddress", c.address().streetAddress());
                put(a, "addressCountry", c.address().addressCountry());
                cm.put("address", a);
            }
            put(cm, "email", c.email());
            put(cm, "phone", c.phone());
            put(cm, "piiControllerUrl", c.piiControllerUrl());
            controllers.add(cm);
        }
        m.put("piiControllers", controllers);
        m.put("policyUrl", r.policyUrl());
        List<Object> services = new ArrayList<>();
        for (ConsentReceipt.Service s : r.services()) {
            List<Object> purposes = new ArrayList<>();
            for (ConsentReceipt.ServicePurpose p : s.purposes()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("purpose", p.purpose());
                pm.put("purposeCategory", p.purposeCategory());
                pm.put("consentType", p.consentType().name());
                pm.put("piiCategory", p.piiCategory());
                pm.put("primaryPurpose", p.primaryPurpose());
                pm.put("termination", p.termination());
                pm.put("thirdPartyDisclosure", p.thirdPartyDisclosure());
                put(pm, "thirdPartyName", p.thirdPartyName());
                purposes.add(pm);
            }
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("service", s.service());
            sm.put("purposes", purposes);
            services.add(sm);
        }
        m.put("services", services);
        m.put("sensitive", r.sensitive());
        m.put("spiCat", r.spiCategories());
        m.put("iss", r.issuer());
        m.put("iat", r.issuedAt().getEpochSecond());
        m.put("exp", r.expiresAt().getEpochSecond());
        m.put("jti", r.jwtId());
        m.put("sub", r.subject());
        m.put("processor", r.processor());
        return JSON.writeBytes(m);
    }

    /**
     * @throws IllegalArgumentException naming the field that is missing or of the wrong type (never its value)
     */
    static ConsentReceipt read(byte[] json) {
        Map<?, ?> m;
        try {
            m = JSON.read(json, Map.class);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("the receipt payload is not a JSON object: " + e.getMessage(), e);
        }
        if (m == null) {
            throw new IllegalArgumentException("the receipt payload is not a JSON object");
        }
        List<ConsentReceipt.PiiController> controllers = new ArrayList<>();
        for (Object o : list(m, "piiControllers", true)) {
            Map<?, ?> c = object(o, "piiControllers[]");
            Object addr = c.get("address");
            ConsentReceipt.Address address = null;
            if (addr != null) {
                Map<?, ?> a = object(addr, "address");
                address = new ConsentReceipt.Address(string(a, "streetAddress", false),
                        string(a, "addressCountry", false));
            }
            controllers.add(new ConsentReceipt.PiiController(string(c, "piiController", true),
                    c.get("onBehalf") == null ? null : bool(c, "onBehalf"), string(c, "contact", false), address,
                    string(c, "email", false), string(c, "phone", false), string(c, "piiControllerUrl", false)));
        }
        List<ConsentReceipt.Service> services = new ArrayList<>();
        for (Object o : list(m, "services", true)) {
            Map<?, ?> s = object(o, "services[]");
            List<ConsentReceipt.ServicePurpose> purposes = new ArrayList<>();
            for (Object po : list(s, "purposes", true)) {
                Map<?, ?> p = object(po, "purposes[]");
                ConsentReceipt.ConsentType type;
                try {
                    type = ConsentReceipt.ConsentType.valueOf(string(p, "consentType", true));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("consentType is neither EXPLICIT nor IMPLICIT", e);
                }
                purposes.add(new ConsentReceipt.ServicePurpose(string(p, "purpose", true),
                        strings(p, "purposeCategory"), type, strings(p, "piiCategory"), bool(p, "primaryPurpose"),
                        string(p, "termination", true), bool(p, "thirdPartyDisclosure"),
                        string(p, "thirdPartyName", false)));
            }
            services.add(new ConsentReceipt.Service(string(s, "service", true), purposes));
        }
        return new ConsentReceipt(string(m, "version", true), string(m, "jurisdiction", true),
                seconds(m, "consentTimestamp"), string(m, "collectionMethod", true),
                string(m, "consentReceiptID", true), string(m, "publicKey", false), string(m, "language", true),
                string(m, "piiPrincipalId", true), controllers, string(m, "policyUrl", true), services,
                bool(m, "sensitive"), m.get("spiCat") == null ? List.of() : strings(m, "spiCat"),
                string(m, "iss", true), seconds(m, "iat"), seconds(m, "exp"), string(m, "jti", true),
                string(m, "sub", true), string(m, "processor", true));
    }

    private static void put(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value);
        }
    }

    private static Map<?, ?> object(Object o, String name) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(name + " is not an object");
        }
        return m;
    }

    private static List<?> list(Map<?, ?> m, String name, boolean required) {
        Object o = m.get(name);
        if (o == null && !required) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(name + (o == null ? " is missing" : " is not an array"));
        }
        return l;
    }

    private static List<String> strings(Map<?, ?> m, String name) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m, name, true)) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(name + " holds something other than strings");
            }
            out.add(s);
        }
        return out;
    }

    private static String string(Map<?, ?> m, String name, boolean required) {
        Object o = m.get(name);
        if (o == null) {
            if (required) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return null;
        }
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return s;
    }

    private static boolean bool(Map<?, ?> m, String name) {
        Object o = m.get(name);
        if (!(o instanceof Boolean b)) {
            throw new IllegalArgumentException(name + (o == null ? " is missing" : " is not true or false"));
        }
        return b;
    }

    private static Instant seconds(Map<?, ?> m, String name) {
        Object o = m.get(name);
        if (!(o instanceof Integer || o instanceof Long)) {
            throw new IllegalArgumentException(name + (o == null ? " is missing" : " is not a whole number of "
                    + "seconds"));
        }
        return Instant.ofEpochSecond(((Number) o).longValue());
    }
}
