package io.returnflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.unit.DataSize;

/**
 * Every record of the service (io.returnflow, main code) with a component named like a secret
 * (token, secret, password, API key, credential...) prints that component masked. Found by scanning
 * the classes, so a record added later is covered without touching this test.
 */
class RecordsPrintSecretsMaskedTest {

    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|password|passphrase|apikey|credential|consumerkey|privatekey|encryptionkey|access|refresh).*");

    @Test
    void everyRecordHoldingASecretPrintsItMasked() {
        List<Class<?>> records = serviceRecords();
        assertThat(records).as("the scan finds the service's records").hasSizeGreaterThan(50);

        List<String> leaks = new ArrayList<>();
        List<String> secretHolders = new ArrayList<>();
        for (Class<?> type : records) {
            List<RecordComponent> secrets = List.of(type.getRecordComponents()).stream()
                    .filter(c -> SECRET_NAME.matcher(c.getName()).matches())
                    .filter(c -> c.getType() == String.class || c.getType() == char[].class)
                    .toList();
            if (secrets.isEmpty()) {
                continue;
            }
            secretHolders.add(type.getName());
            Object instance = instance(type, 0);
            if (instance == null) {
                leaks.add(type.getName() + ": could not be built to check it");
                continue;
            }
            String printed = instance.toString();
            for (RecordComponent secret : secrets) {
                String value = String.valueOf(valueFor(secret.getName()));
                if (printed.contains(value)) {
                    leaks.add(type.getName() + "." + secret.getName() + " printed in clear: " + printed);
                }
            }
        }
        assertThat(secretHolders).as("records known to hold secrets are among those checked")
                .contains("io.returnflow.shopify.ShopifyStore", "io.returnflow.tiktok.TokenGrant",
                        "io.returnflow.tiktok.connect.ConnectedShop", "io.returnflow.merchants.Merchant$Shopify",
                        "io.returnflow.tiktok.TikTokProperties");
        assertThat(leaks).isEmpty();
    }

    /** Records compiled from src/main/java under io.returnflow, nested ones (private included) too. */
    private static List<Class<?>> serviceRecords() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter((reader, factory) -> "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName()));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.returnflow")) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName(), false, RecordsPrintSecretsMaskedTest.class.getClassLoader());
                String source = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
                if (type.isRecord() && !source.contains("test-classes")) {
                    found.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** An instance with a recognisable value in every String component; null when it cannot be made. */
    private static Object instance(Class<?> type, int depth) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i], depth);
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object value(RecordComponent component, int depth) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return valueFor(component.getName());
        }
        if (type == char[].class) {
            return valueFor(component.getName()).toCharArray();
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == float.class || type == Float.class) {
            return 1f;
        }
        if (type == double.class || type == Double.class) {
            return 1d;
        }
        if (type == short.class || type == byte.class || type == char.class) {
            return Array.get(Array.newInstance(type, 1), 0);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == OffsetDateTime.class) {
            return Instant.EPOCH.atOffset(ZoneOffset.UTC);
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (type == DataSize.class) {
            return DataSize.ofBytes(1);
        }
        if (type == URI.class) {
            return URI.create("https://example.invalid/");
        }
        if (type == Path.class) {
            return Path.of("target");
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (Set.class.isAssignableFrom(type)) {
            return Set.of();
        }
        if (List.class.isAssignableFrom(type) || type == Collection.class) {
            return List.of();
        }
        if (Map.class.isAssignableFrom(type)) {
            return Map.of();
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isRecord() && depth < 3) {
            return instance(type, depth + 1);
        }
        if (!type.isPrimitive() && !Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        return null;
    }

    /** The same recognisable value for a component name, long enough to be masked with a hint. */
    private static String valueFor(String name) {
        return "value-of-" + name + "-0123456789abcdef";
    }
}
