import Mesh

/// The seeded generator randomized tests use, so a failure repeats the same way: the one the
/// membership machine already has (SplitMix64), not a copy.
package typealias SplitMix = SplitMix64
