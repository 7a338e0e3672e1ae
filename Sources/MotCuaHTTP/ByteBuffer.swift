#if canImport(Glibc)
import Glibc
#endif

/// A growable byte buffer with read and write positions, for socket input (loop thread only).
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var readerIndex = 0
    var writerIndex = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var readableCount: Int { writerIndex - readerIndex }

    var readable: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + readerIndex, count: writerIndex - readerIndex)
    }

    func consume(_ count: Int) {
        readerIndex += count
        if readerIndex == writerIndex {
            readerIndex = 0
            writerIndex = 0
        }
    }

    func clear() {
        readerIndex = 0
        writerIndex = 0
    }

    /// Makes room for at least `count` more bytes at the write position.
    func reserveWritable(_ count: Int) {
        if capacity - writerIndex >= count { return }
        if readerIndex > 0 {
            let live = writerIndex - readerIndex
            memmove(base, base + readerIndex, live)
            readerIndex = 0
            writerIndex = live
            if capacity - writerIndex >= count { return }
        }
        let newCapacity = max(capacity * 2, writerIndex + count)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: writerIndex)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    var writableSpace: Int { capacity - writerIndex }
    var writePointer: UnsafeMutablePointer<UInt8> { base + writerIndex }
}
