package io.netrig.sim.wire;

import java.util.Arrays;

/**
 * The IEEE 802.1Q tag as it appears in captured frames: TPID 0x8100 after the source MAC, then PCP/DEI/VID. Linux
 * puts the tag into the frame when a VLAN device sends through its parent and takes it out again when a tagged frame
 * reaches the VLAN device (vlan_do_receive); in between, a capture on the parent or on a bridge shows it.
 */
public final class Dot1q {
    public static final int TPID = 0x8100;
    public static final int TAG_LENGTH = 4;
    private static final int TYPE_OFFSET = 12;

    private Dot1q() {
    }

    /** Whether the frame carries an 802.1Q tag right after its MAC addresses. */
    public static boolean tagged(byte[] frame) {
        return frame.length >= EthernetFrame.HEADER_LENGTH + TAG_LENGTH
                && ((frame[TYPE_OFFSET] & 0xff) << 8 | (frame[TYPE_OFFSET + 1] & 0xff)) == TPID;
    }

    /** The VLAN id of a tagged frame. */
    public static int vid(byte[] frame) {
        if (!tagged(frame)) {
            throw new IllegalArgumentException("frame has no 802.1Q tag");
        }
        return (frame[TYPE_OFFSET + 2] & 0x0f) << 8 | (frame[TYPE_OFFSET + 3] & 0xff);
    }

    /** The frame with a tag for {@code vid} (priority 0) inserted after the source MAC. */
    public static byte[] tag(byte[] frame, int vid) {
        if (vid < 1 || vid > 4094) {
            throw new IllegalArgumentException("VLAN id must be 1-4094, got " + vid);
        }
        byte[] out = new byte[frame.length + TAG_LENGTH];
        System.arraycopy(frame, 0, out, 0, TYPE_OFFSET);
        out[TYPE_OFFSET] = (byte) (TPID >>> 8);
        out[TYPE_OFFSET + 1] = (byte) TPID;
        out[TYPE_OFFSET + 2] = (byte) (vid >>> 8 & 0x0f);
        out[TYPE_OFFSET + 3] = (byte) vid;
        System.arraycopy(frame, TYPE_OFFSET, out, TYPE_OFFSET + TAG_LENGTH, frame.length - TYPE_OFFSET);
        return out;
    }

    /** The frame without its outermost tag. */
    public static byte[] untag(byte[] frame) {
        if (!tagged(frame)) {
            throw new IllegalArgumentException("frame has no 802.1Q tag");
        }
        byte[] out = Arrays.copyOf(frame, frame.length - TAG_LENGTH);
        System.arraycopy(frame, TYPE_OFFSET + TAG_LENGTH, out, TYPE_OFFSET, frame.length - TYPE_OFFSET - TAG_LENGTH);
        return out;
    }

    /** The offset of the EtherType that says what the frame carries, past any 802.1Q tags. */
    public static int innerTypeOffset(byte[] frame) {
        int at = TYPE_OFFSET;
        while (frame.length >= at + 2 + TAG_LENGTH && ((frame[at] & 0xff) << 8 | (frame[at + 1] & 0xff)) == TPID) {
            at += TAG_LENGTH;
        }
        return at;
    }
}
