/// A callback to keep in a `Mutex` (a store's change hook, a broadcaster).
///
/// Held in a struct, never as a bare function value: reading a bare closure out of a
/// `Mutex` with `withLock { $0 }` passes it through a generic `inout`, and Swift writes it
/// back wrapped in two reabstraction thunks. Every read made each later call one layer
/// deeper: after 10,000 silence changes, each change ran through 20,000 thunks, and creating
/// silences in a cluster slowed as they accumulated (issue #19, finding 12).
package struct Callback<Argument>: Sendable {
    package let call: @Sendable (Argument) -> Void

    package init(_ call: @escaping @Sendable (Argument) -> Void) { self.call = call }
}
