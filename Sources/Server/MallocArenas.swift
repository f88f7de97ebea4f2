#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Caps glibc's malloc arenas at the number of cores (at least 2).
///
/// glibc gives each thread that allocates under contention an arena of its own, up to eight
/// per core. Ingest allocates request bodies and decoded alerts on NIO's event loops and
/// thread pool and frees them elsewhere, and each arena keeps its freed pages: with the
/// default, a debug build resting with 100k alerts held 43 bytes per alert more RSS
/// (677 against 634 B per alert, `docs/benchmarks.md`). `MALLOC_ARENA_MAX` set by the user
/// wins; `mallopt` is looked up at run time because Swift's Glibc module does not export it.
enum MallocArenas {
    static func limit() {
        #if canImport(Glibc)
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil,
              let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mArenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        _ = unsafeBitCast(sym, to: MallOpt.self)(mArenaMax, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        #endif
    }
}
