package io.netrig.model.firewall;

import java.util.Locale;
import java.util.Optional;

/** An IP protocol as iptables' {@code -p} names it. */
public enum IpProtocol {
    ICMP(1), TCP(6), UDP(17), ESP(50);

    private final int number;

    IpProtocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public String iptablesName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IpProtocol> tryParse(String text) {
        for (IpProtocol p : values()) {
            if (p.iptablesName().equalsIgnoreCase(text) || String.valueOf(p.number).equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Optional<IpProtocol> ofNumber(int number) {
        for (IpProtocol p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
