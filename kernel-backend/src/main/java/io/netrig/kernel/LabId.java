package io.netrig.kernel;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel name of one running lab: the options' prefix and four random hex digits ({@code nr3fa2}). Every
 * namespace of the lab is {@code <labid>-<topology namespace>}, which is what lets {@link KernelCleaner} remove
 * exactly what a lab made.
 */
public record LabId(String prefix, String suffix) {
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,7}");
    private static final Pattern SUFFIX = Pattern.compile("[0-9a-f]{4}");

    public LabId {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("lab prefix '" + prefix + "' must be 2-8 lower-case letters or digits, starting with a letter");
        }
        if (!SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException("lab id suffix '" + suffix + "' must be four lower-case hex digits");
        }
    }

    public static LabId random(String prefix, RandomGenerator random) {
        return new LabId(prefix, HexFormat.of().toHexDigits((short) random.nextInt(0x10000)));
    }

    /** The kernel namespace of a topology namespace: {@code nr3fa2-host}. */
    public String namespace(String topologyNamespace) {
        return this + "-" + topologyNamespace;
    }

    /** The topology namespace name of one of this lab's kernel namespaces, if it is one. */
    public Optional<String> topologyNamespace(String kernelNamespace) {
        String head = this + "-";
        return kernelNamespace.startsWith(head) && kernelNamespace.length() > head.length()
                ? Optional.of(kernelNamespace.substring(head.length())) : Optional.empty();
    }

    /** Namespaces any lab with this prefix may have made: {@code <prefix>[0-9a-f]{4}-<anything>}. */
    public static Pattern namespacePattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "([0-9a-f]{4})-.+");
    }

    /** The lab id of a kernel namespace made by a lab with this prefix, if it is one. */
    public static Optional<LabId> ofNamespace(String prefix, String kernelNamespace) {
        Matcher m = namespacePattern(prefix).matcher(kernelNamespace);
        return m.matches() ? Optional.of(new LabId(prefix, m.group(1))) : Optional.empty();
    }

    @Override
    public String toString() {
        return prefix + suffix;
    }
}
