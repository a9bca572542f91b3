/// A fixed-size array for a simulation's hot loop: no copy-on-write uniqueness check and no
/// exclusivity check on writes, which `Array` in a struct pays on every mutation. Copies share
/// the same memory (reference semantics): keep one per replication, never share across threads.
///
///     let waits = Slab<Double>(repeating: 0, count: residents)
///     waits[7] = 12.5
public struct Slab<Element>: @unchecked Sendable {
    @usableFromInline final class Owner {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let count: Int
        @inlinable init(count: Int, repeating value: Element) {
            self.count = count
            base = .allocate(capacity: max(count, 1))
            base.initialize(repeating: value, count: count)
        }
        init(copying other: Owner) {
            count = other.count
            base = .allocate(capacity: max(count, 1))
            base.initialize(from: other.base, count: count)
        }
        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @usableFromInline let owner: Owner
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    @inlinable
    public init(repeating value: Element, count: Int) {
        owner = Owner(count: count, repeating: value)
        base = owner.base
        self.count = count
    }

    public init(_ values: [Element]) {
        self.init(repeating: values.first!, count: values.count)
        for (i, v) in values.enumerated() { base[i] = v }
    }

    @inlinable
    public subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index \(i) out of 0..<\(count)")
            return base[i]
        }
        @inline(__always) nonmutating set {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index \(i) out of 0..<\(count)")
            base[i] = newValue
        }
    }

    public var indices: Range<Int> { 0..<count }

    /// A slab of its own with the same values (copies share memory otherwise).
    public func copy() -> Slab { Slab(owner: Owner(copying: owner)) }

    private init(owner: Owner) {
        self.owner = owner
        base = owner.base
        count = owner.count
    }
}

/// A value whose copies share memory (`Slab`, `EventList`): a state that holds some is copied
/// for real only by copying each. `storageIdentity` lets a test check that a copy did.
public protocol SharedStorage {
    var storageIdentity: ObjectIdentifier { get }
}

extension Slab: SharedStorage {
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(owner) }
}
