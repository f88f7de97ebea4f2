import FuzzTargets
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry: one input for the target named by TOCSIN_FUZZ_TARGET.
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    FuzzMain.target.run(bytes)
    return 0
}

/// `tocsin-fuzz`: built by `scripts/fuzz` with `-sanitize=fuzzer` and `-DFUZZING`, it is a
/// libFuzzer binary (`TOCSIN_FUZZ_TARGET=lzw tocsin-fuzz CORPUS -max_total_time=30`).
/// In an ordinary build it replays files: `tocsin-fuzz TARGET FILE...`, to reproduce a crash
/// under a debugger without the fuzzer, and `tocsin-fuzz --write-seeds DIR` writes the seeds.
@main
enum FuzzMain {
    /// Set once in `main`, before libFuzzer starts calling back (on this same thread); only
    /// read after that, so no lock is needed.
    nonisolated(unsafe) static var target = FuzzTarget.lzw

    static func main() {
        #if FUZZING
        guard let name = getenv("TOCSIN_FUZZ_TARGET").map({ String(cString: $0) }),
              let chosen = FuzzTarget(rawValue: name) else {
            fail("set TOCSIN_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))")
        }
        target = chosen
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, { data, size in fuzzOneInput(data, size) }))
        #else
        let args = CommandLine.arguments.dropFirst()
        if args.first == "--write-seeds", let dir = args.dropFirst().first {
            writeSeeds(to: dir)
            return
        }
        guard let name = args.first, let chosen = FuzzTarget(rawValue: name) else {
            fail("usage: tocsin-fuzz TARGET FILE...  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")))")
        }
        for path in args.dropFirst() {
            guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&chunk, 1, chunk.count, file)
                if n <= 0 { break }
                bytes += chunk[..<n]
            }
            fclose(file)
            chosen.run(bytes)
            print("\(path): ok (\(bytes.count) bytes)")
        }
        #endif
    }

    /// `tocsin-fuzz --write-seeds DIR`: DIR/<target>/seed-N for every target.
    static func writeSeeds(to dir: String) {
        for target in FuzzTarget.allCases {
            let sub = dir + "/" + target.rawValue
            mkdir(sub, 0o755)
            for (i, seed) in FuzzSeeds.seeds(for: target).enumerated() {
                guard let file = fopen(sub + "/seed-\(i)", "wb") else { fail("cannot write \(sub)") }
                _ = seed.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
                fclose(file)
            }
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandleStderr.write(message + "\n")
        exit(2)
    }
}

#if FUZZING
/// libFuzzer's driver, called from our own main (SwiftPM links executables with their own
/// entry point, so libFuzzer's `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// Standard error without touching C's global `stderr` (not concurrency-safe in Swift 6).
enum FileHandleStderr {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
}
