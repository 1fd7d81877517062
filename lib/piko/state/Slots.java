package piko.state;

import java.util.Set;

/** Port slots: each environment of a project holds one, numbered from 1. */
final class Slots {
    private Slots() {
    }

    /** The preferred slot when it is free (and at least 1), else the lowest free one. */
    static int firstFree(Set<Integer> taken, int preferred) {
        int slot = preferred >= 1 && !taken.contains(preferred) ? preferred : 1;
        while (taken.contains(slot)) slot++;
        return slot;
    }
}
