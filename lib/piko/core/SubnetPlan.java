package piko.core;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import piko.error.PikoException;
import piko.model.Cidr;

/**
 * Which subnet each network of one scope (an environment, or the shared project) gets from the
 * pool: its own from last time while that still fits, else the first subnet from a place in the
 * pool that the seed picks (the scope's own) that overlaps nothing piko holds elsewhere, no host
 * route and no network Docker named.
 */
record SubnetPlan(SubnetPool pool, String scope, int seed) {

    /**
     * @param existing    this scope's subnets by network, from the machine-wide record
     * @param heldByPiko  subnets every other scope of every piko project holds
     * @param routes      the host's routes (Docker's local bridges among them)
     * @param docker      subnets of Docker's networks, once Docker refused one (else empty)
     */
    Map<String, Cidr> plan(Collection<String> networks, Map<String, Cidr> existing, Set<Cidr> heldByPiko,
                           Collection<Cidr> routes, Collection<Cidr> docker) {
        Set<Cidr> ours = new HashSet<>(existing.values());
        List<Cidr> foreign = new java.util.ArrayList<>(docker);
        // a route that is exactly one of this scope's subnets is most likely its own network's bridge
        routes.stream().filter(r -> !ours.contains(r) && r.prefix() > 0).forEach(foreign::add);
        Set<Cidr> taken = new HashSet<>(heldByPiko);
        Map<String, Cidr> result = new TreeMap<>();
        List<String> fresh = new java.util.ArrayList<>();
        for (String n : new java.util.TreeSet<>(networks)) {
            Cidr kept = existing.get(n);
            if (kept != null && pool.holds(kept) && !overlapsAny(kept, taken) && !overlapsAny(kept, foreign)) {
                taken.add(kept);
                result.put(n, kept);
            } else {
                fresh.add(n);
            }
        }
        for (String n : fresh) {
            Cidr picked = firstFree(taken, foreign).orElseThrow(() -> exhausted(n, taken, foreign));
            taken.add(picked);
            result.put(n, picked);
        }
        return result;
    }

    private java.util.Optional<Cidr> firstFree(Set<Cidr> taken, List<Cidr> foreign) {
        long start = Math.floorMod((long) seed, pool.count());
        for (long i = 0; i < pool.count(); i++) {
            Cidr c = pool.subnet((start + i) % pool.count());
            if (!overlapsAny(c, taken) && !overlapsAny(c, foreign)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    private PikoException exhausted(String network, Set<Cidr> taken, List<Cidr> foreign) {
        long byPiko = 0;
        for (long i = 0; i < pool.count(); i++) {
            if (overlapsAny(pool.subnet(i), taken)) byPiko++;
        }
        long byOthers = pool.count() - byPiko;
        return new PikoException("no free subnet for network " + network + " of " + scope + ": all " + pool.count()
                + " subnets of piko's pool " + pool.range() + " (/" + pool.size() + " each) are in use, " + byPiko
                + " by piko's networks and " + byOthers + " by other Docker networks or host routes",
                "widen the pool, e.g. export " + SubnetPool.POOL_ENV + "=" + wider() + " (or smaller subnets: "
                        + SubnetPool.SIZE_ENV + "=" + Math.min(29, pool.size() + 2) + "), or remove environments: piko gc");
    }

    private Cidr wider() {
        int prefix = Math.max(8, pool.range().prefix() - 2);
        return new Cidr(pool.range().start(), prefix);
    }

    private static boolean overlapsAny(Cidr c, Collection<Cidr> others) {
        for (Cidr o : others) {
            if (o.overlaps(c)) return true;
        }
        return false;
    }
}
