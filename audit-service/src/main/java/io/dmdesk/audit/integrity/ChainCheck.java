package io.dmdesk.audit.integrity;

import io.dmdesk.audit.integrity.TrailVerifier.Break;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules of verification, applied to one entry at a time in (chain, seq) order: shared by the verifier of the
 * store and the verifier of an export, so both mean the same by "intact". Entries and checkpoints are given in
 * their JSON form or as stored (dates are turned into their JSON spelling before hashing or checking a signature).
 *
 * <p>Complete: every entry of each chain is there (the store, a trail export), so a missing seq is a deletion
 * and a checkpoint head beyond a chain's end a truncation. Otherwise (a report's export) only the entries that
 * are there are checked: their hashes, the report's links, and the chain link wherever two entries are adjacent.
 */
final class ChainCheck {

    /** A checkpoint's statement about one chain: that the entry at (chain, seq) has this hash. */
    private record Claim(String checkpointId, String hash, String problem) {}

    private final boolean complete;
    /** Verifying keys by key id; null when signatures are not checked (an export verified without a key). */
    private final Map<String, PublicKey> keys;

    private final Map<Integer, TreeMap<Long, List<Claim>>> claims = new TreeMap<>();
    private final List<Break> malformed = new ArrayList<>();
    private final List<Head> heads = new ArrayList<>();
    private final Set<Integer> seen = new HashSet<>();
    private final Map<String, String> reportHeads = new HashMap<>();
    private int checkpoints;
    private long entries;
    private Integer chain;
    private long lastSeq;
    private String lastHash;

    ChainCheck(List<? extends Map<String, ?>> checkpointList, Map<String, PublicKey> keys, boolean complete) {
        this.keys = keys;
        this.complete = complete;
        for (Map<String, ?> checkpoint : checkpointList) {
            if (!Checkpoints.FORMAT.equals(checkpoint.get("format"))) {
                continue; // written before chains per partition: not verifiable under these rules (README, Limits)
            }
            checkpoints++;
            String id = String.valueOf(checkpoint.get("_id"));
            String problem = keys == null ? null : signatureProblem(checkpoint);
            if (!(checkpoint.get("heads") instanceof List<?> list) || list.isEmpty()) {
                malformed.add(new Break(0, 0, null, "CHECKPOINT_INVALID", "checkpoint " + id + " names no heads"));
                continue;
            }
            for (Object head : list) {
                if (head instanceof Map<?, ?> h
                        && h.get("chain") instanceof Number c
                        && h.get("seq") instanceof Number s
                        && h.get("hash") instanceof String hash) {
                    claims.computeIfAbsent(c.intValue(), k -> new TreeMap<>())
                            .computeIfAbsent(s.longValue(), k -> new ArrayList<>())
                            .add(new Claim(id, hash, problem));
                } else {
                    malformed.add(new Break(
                            0,
                            0,
                            null,
                            "CHECKPOINT_INVALID",
                            "checkpoint " + id + " has a head without a numeric chain and seq and a hash"));
                }
            }
        }
    }

    /** @return the break this entry makes, or null when it holds */
    Break entry(Map<String, ?> entry) {
        String id = String.valueOf(entry.get("_id"));
        if (!(entry.get("chain") instanceof Number c)
                || !(entry.get("seq") instanceof Number s)
                || !(entry.get("hash") instanceof String stored)) {
            return new Break(chain == null ? 0 : chain, lastSeq + 1, id, "EDITED", "a chain field has the wrong type");
        }
        int entryChain = c.intValue();
        long seq = s.longValue();
        if (chain == null || entryChain != chain) {
            if (seen.contains(entryChain) || (chain != null && entryChain < chain)) {
                return new Break(entryChain, seq, id, "OUT_OF_ORDER", "entries must come in (chain, seq) order");
            }
            Break end = endChain();
            if (end != null) {
                return end;
            }
            chain = entryChain;
            lastSeq = 0;
            lastHash = EntryHash.GENESIS;
            reportHeads.clear();
        }
        if (seq <= lastSeq) {
            return new Break(
                    entryChain,
                    seq,
                    id,
                    "OUT_OF_ORDER",
                    "seq " + seq + " of chain " + entryChain + " comes after seq " + lastSeq
                            + ": entries must come in (chain, seq) order, each once");
        }
        if (complete && seq != lastSeq + 1) {
            return new Break(
                    entryChain,
                    lastSeq + 1,
                    null,
                    "DELETED",
                    "seq " + (lastSeq + 1)
                            + (seq - 1 > lastSeq + 1 ? " to " + (seq - 1) : "") + " of chain " + entryChain
                            + " missing before entry " + id + " (seq " + seq + ")");
        }
        String recomputed;
        try {
            recomputed = EntryHash.of(entry);
        } catch (RuntimeException e) {
            return new Break(entryChain, seq, id, "EDITED", "the entry cannot be canonicalised as JSON");
        }
        if (!recomputed.equals(stored)) {
            return new Break(
                    entryChain, seq, id, "EDITED", "hash mismatch: the stored content does not match its hash");
        }
        if (seq == lastSeq + 1 && !Objects.equals(lastHash, entry.get("prevHash"))) {
            return new Break(
                    entryChain,
                    seq,
                    id,
                    "CHAIN_BROKEN",
                    "prevHash does not match the hash of seq " + lastSeq + " of chain " + entryChain);
        }
        String reportKey = String.valueOf(entry.get("reportKey"));
        if (!Objects.equals(reportHeads.getOrDefault(reportKey, EntryHash.GENESIS), entry.get("reportPrevHash"))) {
            return new Break(
                    entryChain,
                    seq,
                    id,
                    "REPORT_CHAIN_BROKEN",
                    "reportPrevHash does not match the hash of the report's previous entry in this chain");
        }
        for (Claim claim : claims.getOrDefault(entryChain, new TreeMap<>()).getOrDefault(seq, List.of())) {
            if (claim.problem() != null) {
                return new Break(entryChain, seq, id, "CHECKPOINT_INVALID", claim.problem());
            }
            if (!stored.equals(claim.hash())) {
                return new Break(
                        entryChain,
                        seq,
                        id,
                        "CHECKPOINT_INVALID",
                        "the entry's hash differs from signed checkpoint " + claim.checkpointId()
                                + ": the trail was rewritten");
            }
        }
        entries++;
        lastSeq = seq;
        lastHash = stored;
        reportHeads.put(reportKey, stored);
        return null;
    }

    /**
     * After the last entry.
     *
     * @param scope the chains the input was meant to hold in full (an export of some chains); null: every chain
     * @return the break the end makes (a checkpoint beyond a chain's end, a chain checkpoints name but nothing holds,
     *         a malformed checkpoint), or null
     */
    Break end(Set<Integer> scope) {
        Break end = endChain();
        if (end != null) {
            return end;
        }
        if (complete) {
            for (var named : claims.entrySet()) {
                int c = named.getKey();
                if (!seen.contains(c) && (scope == null || scope.contains(c))) {
                    return new Break(
                            c,
                            1,
                            null,
                            "TRUNCATED",
                            "checkpoint "
                                    + named.getValue()
                                            .firstEntry()
                                            .getValue()
                                            .get(0)
                                            .checkpointId() + " names seq "
                                    + named.getValue().firstKey() + " of chain " + c
                                    + " but the chain has no entries: they were deleted");
                }
            }
        }
        return malformed.isEmpty() ? null : malformed.get(0);
    }

    long entries() {
        return entries;
    }

    List<Head> heads() {
        return List.copyOf(heads);
    }

    int checkpoints() {
        return checkpoints;
    }

    private Break endChain() {
        if (chain == null) {
            return null;
        }
        int ended = chain;
        heads.add(new Head(ended, lastSeq, lastHash));
        seen.add(ended);
        chain = null;
        if (complete) {
            var beyond = claims.getOrDefault(ended, new TreeMap<>()).higherEntry(lastSeq);
            if (beyond != null) {
                return new Break(
                        ended,
                        lastSeq + 1,
                        null,
                        "TRUNCATED",
                        "checkpoint " + beyond.getValue().get(0).checkpointId() + " names seq " + beyond.getKey()
                                + " of chain " + ended + " but the chain ends at seq "
                                + lastSeq + ": the newest entries were deleted");
            }
        }
        return null;
    }

    /** With the key the checkpoint names; a checkpoint without a key id (none are written so) must hold under one key. */
    private String signatureProblem(Map<String, ?> checkpoint) {
        Object keyId = checkpoint.get("keyId");
        if (keyId != null && !keys.containsKey(String.valueOf(keyId))) {
            return "the checkpoint is signed by key " + keyId + ", which is not among the known keys (add it to "
                    + "dmdesk.audit.signing.retired-public-key-files, or give the verifier its public key)";
        }
        try {
            byte[] signature = Base64.getDecoder().decode(String.valueOf(checkpoint.get("signature")));
            byte[] payload = Checkpoints.payload(checkpoint);
            boolean holds = keyId == null
                    ? keys.values().stream().anyMatch(k -> SigningKey.verify(k, payload, signature))
                    : SigningKey.verify(keys.get(String.valueOf(keyId)), payload, signature);
            return holds ? null : "the checkpoint's signature does not verify";
        } catch (RuntimeException e) {
            return "the checkpoint's signature does not verify";
        }
    }
}
