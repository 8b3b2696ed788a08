package io.netrig.model.spec;

import java.util.ArrayList;
import java.util.List;

/** Where in a spec a value sits, as keys from the top: {@code networks / pub_net / subnet}. */
public record SpecPath(List<String> keys) {
    public static final SpecPath ROOT = new SpecPath(List.of());

    public SpecPath {
        keys = List.copyOf(keys);
    }

    public static SpecPath of(String... keys) {
        return new SpecPath(List.of(keys));
    }

    public SpecPath child(String key) {
        List<String> k = new ArrayList<>(keys);
        k.add(key);
        return new SpecPath(k);
    }

    public SpecPath child(int index) {
        return child(Integer.toString(index));
    }

    public SpecPath parent() {
        return keys.isEmpty() ? this : new SpecPath(keys.subList(0, keys.size() - 1));
    }

    @Override
    public String toString() {
        return keys.isEmpty() ? "(top)" : String.join(".", keys);
    }
}
