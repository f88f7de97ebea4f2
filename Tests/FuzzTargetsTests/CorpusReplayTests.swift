import Foundation
import FuzzTargets
import XCTest

/// Every committed fuzz input (`Fuzz/corpus/<target>/`: the seeds and each input that once
/// crashed a target) runs through its target in the ordinary test run, so a fixed crash stays
/// fixed without the fuzzer.
final class CorpusReplayTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    func test_corpus_everyTarget_hasSeeds() throws {
        for target in FuzzTarget.allCases {
            let files = try inputs(of: target)
            XCTAssertFalse(files.isEmpty, "no seeds for \(target.rawValue) in \(Self.corpus.path)")
        }
    }

    func test_corpus_everyInput_runsWithoutTrapping() throws {
        var count = 0
        for target in FuzzTarget.allCases {
            for file in try inputs(of: target) {
                target.run(Array(try Data(contentsOf: file)))
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 0)
    }

    func test_seeds_everyTarget_runWithoutTrapping() {
        for target in FuzzTarget.allCases {
            let seeds = FuzzSeeds.seeds(for: target)
            XCTAssertFalse(seeds.isEmpty || seeds.contains { $0.isEmpty }, "empty seed for \(target.rawValue)")
            for seed in seeds { target.run(seed) }
        }
    }

    private func inputs(of target: FuzzTarget) throws -> [URL] {
        let dir = Self.corpus.appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }
}
