import CGSL

/// Process-wide allocator settings for programs that run many replications.
///
/// Each replication allocates and frees the same few hundred kilobytes (residents, lines,
/// samples). With glibc's defaults, blocks that large are mapped and unmapped, or trimmed from
/// the top of the heap, on every replication, and the kernel zero-fills fresh pages each time:
/// about 5% of a replication in the community benchmark. Keeping freed memory in the process
/// avoids that. An executable calls this once at start; a library never does (it would change
/// its host's allocator behind its back).
public enum MemoryTuning {
    public static func keepFreedMemory() {
        cgsl_keep_freed_memory()
    }

    /// Gives what the process keeps back to the system: for a server once its runs are done,
    /// so that an idle workbench holds little.
    public static func giveBackFreedMemory() {
        cgsl_give_back_freed_memory()
    }
}
