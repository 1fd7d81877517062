package piko.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import piko.error.PikoException;
import piko.model.PortAllocation;
import piko.model.PortRequest;

/**
 * Host port allocation. Slot k owns the block [base + k*block, base + (k+1)*block); slot 0 is the
 * shared services' block, environments take slots from 1. Inside a block a port prefers the offset
 * target % block (so postgres 5432 lands on ...32), and probes upward when that offset is taken,
 * so 5432 and 15432 never collide. Existing allocations are kept, which makes ports stable.
 */
public record PortPlan(int base, int block, int slot) {

    public static int maxSlots(int base, int block) {
        return (65536 - base) / block;
    }

    public int firstPort() {
        return base + slot * block;
    }

    /**
     * Ports for every request: kept where already allocated, new ones chosen where free in this block,
     * not taken by another scope of the project, and bindable on the host right now.
     */
    public List<PortAllocation> allocate(String scope, List<PortRequest> requests, Map<PortRequest, Integer> existing,
                                         Set<Integer> takenElsewhere, IntPredicate hostFree) {
        return allocate(scope, requests, existing, takenElsewhere, hostFree, port -> true);
    }

    /**
     * As above; an existing allocation is kept only while it lies in this block (ports.base and
     * ports.block may have changed) and keep accepts it (it may have been found busy), else re-planned.
     */
    public List<PortAllocation> allocate(String scope, List<PortRequest> requests, Map<PortRequest, Integer> existing,
                                         Set<Integer> takenElsewhere, IntPredicate hostFree, IntPredicate keep) {
        List<PortAllocation> result = new ArrayList<>();
        Set<Integer> used = new HashSet<>(takenElsewhere);
        TreeSet<PortRequest> wanted = new TreeSet<>(requests);
        List<PortRequest> fresh = new ArrayList<>();
        for (PortRequest r : wanted) {
            Integer port = existing.get(r);
            if (port != null && !used.contains(port) && inBlock(port) && keep.test(port)) {
                used.add(port);
                result.add(new PortAllocation(scope, r.service(), r.target(), r.protocol(), port));
            } else {
                fresh.add(r);
            }
        }
        for (PortRequest r : fresh) {
            int port = pick(r.target(), used, hostFree);
            used.add(port);
            result.add(new PortAllocation(scope, r.service(), r.target(), r.protocol(), port));
        }
        return result;
    }

    private boolean inBlock(int port) {
        return port >= firstPort() && port < firstPort() + block;
    }

    private int pick(int target, Set<Integer> used, IntPredicate hostFree) {
        int start = Math.floorMod(target, block);
        for (int i = 0; i < block; i++) {
            int port = firstPort() + (start + i) % block;
            if (!used.contains(port) && hostFree.test(port)) {
                return port;
            }
        }
        throw new PikoException("no free host port left in " + firstPort() + "-" + (firstPort() + block - 1),
                "raise ports.block in piko.yaml, or free ports in that range");
    }
}
